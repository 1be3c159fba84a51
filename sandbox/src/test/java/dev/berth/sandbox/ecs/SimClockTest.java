package dev.berth.sandbox.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimClockTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void scaledClockRunsScaleTimesFasterThanItsRealTimeSource() {
        AtomicLong nanos = new AtomicLong(5_000);
        ScaledClock clock = new ScaledClock(ORIGIN, 20, nanos::get);

        assertThat(clock.now()).isEqualTo(ORIGIN);
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(clock.now()).isEqualTo(ORIGIN.plusSeconds(10));
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        assertThat(clock.now()).isEqualTo(ORIGIN.plusSeconds(70));
        assertThat(clock.scale()).isEqualTo(20);
    }

    @Test
    void scaledClockRejectsANonPositiveScale() {
        assertThatThrownBy(() -> new ScaledClock(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScaledClock(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manualClockMovesOnlyForwardAndOnlyWhenTold() {
        ManualClock clock = new ManualClock(ORIGIN);

        assertThat(clock.advance(Duration.ofSeconds(3))).isEqualTo(ORIGIN.plusSeconds(3));
        clock.set(ORIGIN.plusSeconds(10));
        assertThat(clock.now()).isEqualTo(ORIGIN.plusSeconds(10));
        assertThatThrownBy(() -> clock.set(ORIGIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
