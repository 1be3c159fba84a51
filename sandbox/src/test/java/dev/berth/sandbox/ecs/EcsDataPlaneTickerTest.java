package dev.berth.sandbox.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The background ticker moves a scaled-clock data plane along without anyone asking it. */
class EcsDataPlaneTickerTest {

    @Test
    void tickerCompletesADeploymentOnAScaledClockAndStopsOnClose() throws InterruptedException {
        InMemoryEventSink sink = new InMemoryEventSink();
        // 1000x: the 17 sim seconds a first deployment takes pass in 17 ms of real time.
        EcsDataPlane plane = new EcsDataPlane(new ScaledClock(1000), new Scenario(), DataPlaneTimings.defaults(), sink);
        try {
            plane.createService(new ServiceSpec(new ServiceKey(PlaneFixture.CLUSTER, "web"),
                    "arn:aws:ecs:us-east-1:123456789012:service/prod/web", 2, PlaneFixture.web(1),
                    List.of(new LoadBalancerBinding(PlaneFixture.TG, "web", 8080)), RolloutSettings.defaults(), "FARGATE"));
            plane.startTicker(Duration.ofMillis(5));
            assertThatThrownBy(() -> plane.startTicker(Duration.ofMillis(5))).isInstanceOf(IllegalStateException.class);

            // Only the ticker advances the plane here, and events are published only when it advances.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sink.events().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(sink.events()).extracting(EcsDeploymentEvent::eventName).containsExactly(
                    EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_IN_PROGRESS,
                    EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_COMPLETED);
        } finally {
            plane.close();
        }
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("berth-ecs-data-plane-ticker");
    }
}
