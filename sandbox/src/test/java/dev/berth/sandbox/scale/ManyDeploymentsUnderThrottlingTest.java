package dev.berth.sandbox.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.bench.ScaleResult;
import dev.berth.sandbox.bench.ScaleRun;
import dev.berth.sandbox.bench.ScaleShape;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scale bench's promise, small enough for CI: six services in two clusters pushed at once, one of them
 * a bad image, while the gateway holds every API to its published token bucket and fails 30% of the ECS, ELB and
 * Step Functions calls. Every deployment still ends as it must, none for throttling, one record per push.
 */
class ManyDeploymentsUnderThrottlingTest {

    @Test
    void sixServicesPushedAtOnceUnderThrottlingAndFaultsAllEndRight() throws Exception {
        LocalBerth berth = SharedLocalBerth.get();
        // Pushes 1 s apart, looks every 2 s; a bad push rolls back on its unhealthy looks, well before the deadline.
        ScaleShape shape = new ScaleShape(6, 2, 3, Duration.ofSeconds(5), 0.30, 2, 120, 2);

        ScaleResult result = new ScaleRun(berth, System.out).run(shape);

        assertThat(result.problems()).isEmpty();
        assertThat(result.recordsByStatus()).isEqualTo(Map.of("SUCCEEDED", 4L, "ROLLED_BACK", 2L));
        assertThat(result.executionsByStatus()).isEqualTo(Map.of("SUCCEEDED", 4L, "FAILED Berth.RolledBack", 2L));
        // The faults did fire, and the SDK retried past them.
        assertThat(result.injected()).isPositive();
        assertThat(result.sdkRetries()).isPositive();
        assertThat(result.apis()).containsKeys("ecs.DescribeServices", "ecs.UpdateService", "elasticloadbalancing.DescribeTargetHealth");
    }
}
