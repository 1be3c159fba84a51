package dev.berth.sandbox.ecs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A data plane on a manual clock with default timings, and helpers to drive it in whole sim seconds. */
final class PlaneFixture {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";
    static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef";
    static final String OTHER_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/fedcba9876543210";
    static final RolloutSettings BREAKER_WITH_ROLLBACK = RolloutSettings.defaults().withCircuitBreaker(true, true);

    final ManualClock clock = new ManualClock(T0);
    final Scenario scenario = new Scenario();
    final InMemoryEventSink sink = new InMemoryEventSink();
    final EcsDataPlane plane;

    PlaneFixture() {
        this(DataPlaneTimings.defaults());
    }

    PlaneFixture(DataPlaneTimings timings) {
        plane = new EcsDataPlane(clock, scenario, timings, sink);
    }

    static TaskDefinitionInfo taskDefinition(String family, int revision, String image) {
        return new TaskDefinitionInfo("arn:aws:ecs:us-east-1:123456789012:task-definition/" + family + ":" + revision,
                List.of(new TaskDefinitionInfo.ContainerInfo(family, image, true, Optional.empty())));
    }

    /** One essential container, as {@link #taskDefinition}, that declares the container health check {@code check}. */
    static TaskDefinitionInfo checkedTaskDefinition(String family, int revision, String image, ContainerHealthCheck check) {
        return new TaskDefinitionInfo("arn:aws:ecs:us-east-1:123456789012:task-definition/" + family + ":" + revision,
                List.of(new TaskDefinitionInfo.ContainerInfo(family, image, true, Optional.of(check))));
    }

    /** A container check on the sandbox's ALB pace: every 5 s, unhealthy after 2 failures, no start period. */
    static ContainerHealthCheck fastCheck() {
        return new ContainerHealthCheck(Duration.ofSeconds(5), Duration.ofSeconds(2), 2, Duration.ZERO);
    }

    static TaskDefinitionInfo web(int revision) {
        return taskDefinition("web", revision, "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v" + revision);
    }

    ServiceKey create(String name, int desired, TaskDefinitionInfo definition, RolloutSettings rollout,
                      List<LoadBalancerBinding> loadBalancers) {
        ServiceKey key = new ServiceKey(CLUSTER, name);
        plane.createService(new ServiceSpec(key, "arn:aws:ecs:us-east-1:123456789012:service/prod/" + name, desired,
                definition, loadBalancers, rollout, "FARGATE"));
        return key;
    }

    /** The usual service: "web", 2 tasks of web:1 behind {@link #TG} on port 8080, breaker with rollback. */
    ServiceKey createWeb() {
        return create("web", 2, web(1), BREAKER_WITH_ROLLBACK, List.of(new LoadBalancerBinding(TG, "web", 8080)));
    }

    /** Moves the clock to {@code seconds} after {@link #T0} and the plane with it, as the ticker would. */
    void at(long seconds) {
        clock.set(T0.plusSeconds(seconds));
        plane.advanceTo(clock.now());
    }

    Instant time(long seconds) {
        return T0.plus(Duration.ofSeconds(seconds));
    }

    ServiceView view(ServiceKey key) {
        return plane.service(key).orElseThrow();
    }

    List<TargetView> targets() {
        return plane.targetHealth(TG).orElseThrow();
    }

    List<TargetState> targetStates() {
        return targets().stream().map(TargetView::state).toList();
    }

    List<TaskView> liveTasks(ServiceKey key) {
        return plane.tasks(key).stream().filter(task -> task.lastStatus() != TaskStatus.STOPPED).toList();
    }

    List<EcsDeploymentEvent.Name> eventNames() {
        return sink.events().stream().map(EcsDeploymentEvent::eventName).toList();
    }
}
