package dev.berth.sandbox.throttling;

import java.util.function.LongSupplier;

/**
 * AWS's throttling algorithm: a bucket of {@code capacity} tokens (the burst), refilled at
 * {@code refillPerSecond} (the sustained rate) up to its capacity; each call takes one token or is
 * throttled. Starts full. Time comes from {@code nanoTime}, so a test can drive it. Not thread-safe:
 * {@link RateLimiter} guards it.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final RateLimit limit;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    TokenBucket(RateLimit limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.tokens = limit.burst();
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes a token if there is one; false means the call is throttled. */
    boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(limit.burst(), tokens + (now - refilledAt) / NANOS_PER_SECOND * limit.refillPerSecond());
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    RateLimit limit() {
        return limit;
    }
}
