package dev.berth.sandbox.throttling;

import java.util.Optional;

/**
 * What one API ({@code service.Action}) saw while limits were enforced.
 *
 * @param calls          every call that reached the gateway, throttled ones included
 * @param peakPerSecond  the most calls in any one clock second
 * @param throttled      calls answered with the service's throttling error
 * @param retries        calls the SDK marked as a retry ({@code amz-sdk-request: attempt=N}, N above 1)
 * @param limit          the bucket it was held to; empty when the API is not limited
 */
public record ApiCalls(long calls, long peakPerSecond, long throttled, long retries, Optional<RateLimit> limit) {}
