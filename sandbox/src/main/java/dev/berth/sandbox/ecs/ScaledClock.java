package dev.berth.sandbox.ecs;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * A sim clock that runs {@code scale} times faster than real time, so a ten-minute rollout plays out
 * in half a minute at 20×.
 */
public final class ScaledClock implements SimClock {

    private final Instant origin;
    private final double scale;
    private final LongSupplier nanoTime;
    private final long startNanos;

    /** Starts at the current wall-clock time and runs {@code scale}× faster from there. */
    public ScaledClock(double scale) {
        this(Instant.now(), scale, System::nanoTime);
    }

    /**
     * @param nanoTime a monotonic nanosecond counter ({@link System#nanoTime()} outside tests), so
     *                 wall-clock adjustments never move sim time backwards
     */
    public ScaledClock(Instant origin, double scale, LongSupplier nanoTime) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive finite number: " + scale);
        }
        this.origin = origin;
        this.scale = scale;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    public double scale() {
        return scale;
    }

    @Override
    public Instant now() {
        long realElapsed = nanoTime.getAsLong() - startNanos;
        return origin.plusNanos(Math.round(realElapsed * scale));
    }
}
