package dev.berth.sandbox.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DataPlaneTimingsTest {

    @Test
    void defaultsAreThoseOfAFastFargateServiceBehindAnAlb() {
        DataPlaneTimings timings = DataPlaneTimings.defaults();

        assertThat(timings.launchToRunning()).isEqualTo(Duration.ofSeconds(7));
        assertThat(timings.timeToHealthy()).isEqualTo(Duration.ofSeconds(10));
        assertThat(timings.timeToUnhealthy()).isEqualTo(Duration.ofSeconds(10));
        assertThat(timings.deregistrationDelay()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void dividingShrinksEveryDurationButKeepsThresholds() {
        DataPlaneTimings fast = DataPlaneTimings.defaults().dividedBy(10);

        assertThat(fast.launchToRunning()).isEqualTo(Duration.ofMillis(700));
        assertThat(fast.healthCheckInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(fast.healthyThreshold()).isEqualTo(2);
        assertThat(fast.deregistrationDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(DataPlaneTimings.defaults().withDeregistrationDelay(Duration.ZERO).deregistrationDelay()).isZero();
        assertThat(DataPlaneTimings.defaults().withHealthCheck(Duration.ofSeconds(30), 5, 2).timeToHealthy())
                .isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void rejectsTimingsThatCouldNeverProgress() {
        DataPlaneTimings defaults = DataPlaneTimings.defaults();
        assertThatThrownBy(() -> new DataPlaneTimings(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), 1, 1,
                Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withHealthCheck(Duration.ofSeconds(5), 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withDeregistrationDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
