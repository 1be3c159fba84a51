package dev.berth.sandbox.ecs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A sim clock that moves only when told to, so tests decide exactly when things happen. */
public final class ManualClock implements SimClock {

    private Instant now;

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    /** Moves the clock forward by {@code step} and returns the new time. */
    public synchronized Instant advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("sim time never goes backwards: " + step);
        }
        now = now.plus(step);
        return now;
    }

    /** Moves the clock to {@code instant}, which must not be in the past. */
    public synchronized void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("sim time never goes backwards: " + instant + " < " + now);
        }
        now = instant;
    }
}
