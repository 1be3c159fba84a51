package dev.berth.sandbox.throttling;

/**
 * One API's published throttling figures: {@code burst} calls in any one second (the bucket's size)
 * and {@code refillPerSecond} sustained (its refill rate).
 */
public record RateLimit(int burst, double refillPerSecond) {
    public RateLimit {
        if (burst < 1 || !(refillPerSecond > 0)) {
            throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive refill rate, got "
                    + burst + " and " + refillPerSecond);
        }
    }
}
