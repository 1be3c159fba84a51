package dev.berth.sandbox.throttling;

import dev.berth.sandbox.faults.FaultResponses;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's first interceptor: while {@link #enforce enforcing}, holds every API to its token
 * bucket and answers a call over it with the service's own throttling error, as AWS does; and counts,
 * per API, the calls, their peak per second, the throttled ones and the SDK's retries. Off by default
 * (every call passes untouched), so the other tests and the demo see no throttling. Thread-safe.
 */
public final class RateLimiter implements Interceptor {

    /** Where an API's bucket figures come from: {@link PublishedLimits#of} by default. */
    @FunctionalInterface
    public interface Limits {
        Optional<RateLimit> of(String service, String action);
    }

    private static final String CONTROL_PREFIX = "/_berth/";
    private static final Pattern ATTEMPT = Pattern.compile("attempt=(\\d+)");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private Optional<Limits> limits = Optional.empty();
    private final Map<String, ApiState> apis = new HashMap<>();

    /** Real time. */
    public RateLimiter() {
        this(System::nanoTime);
    }

    /** Time from {@code nanoTime} (nanoseconds, any origin), for tests. */
    public RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** From now on, holds every API to the bucket {@code limits} gives it, starting full; counting starts afresh. */
    public synchronized void enforce(Limits limits) {
        this.limits = Optional.of(limits);
        apis.clear();
    }

    /** AWS's published figures ({@link PublishedLimits}). */
    public void enforcePublished() {
        enforce(PublishedLimits::of);
    }

    /** Stops throttling and counting; what was counted stays readable. */
    public synchronized void off() {
        limits = Optional.empty();
    }

    public synchronized boolean enforcing() {
        return limits.isPresent();
    }

    /** What each API ({@code service.Action}) saw since {@link #enforce}, by name. */
    public synchronized Map<String, ApiCalls> calls() {
        var snapshot = new TreeMap<String, ApiCalls>();
        apis.forEach((api, state) -> snapshot.put(api, state.snapshot()));
        return snapshot;
    }

    @Override
    public Optional<AwsResponse> handle(AwsRequest request, Upstream next) {
        if (request.path().startsWith(CONTROL_PREFIX) || request.action().isEmpty()) {
            return Optional.empty();
        }
        if (!admit(request)) {
            PublishedLimits.ThrottlingError error = PublishedLimits.errorOf(request.service());
            return Optional.of(FaultResponses.of(request, error.status(), error.code(), error.message(),
                    UUID.randomUUID().toString()));
        }
        return Optional.empty();
    }

    /** Counts the call and says whether its bucket had a token; true when not enforcing. */
    private synchronized boolean admit(AwsRequest request) {
        if (limits.isEmpty()) {
            return true;
        }
        String service = request.service();
        String action = request.action().orElseThrow();
        ApiState api = apis.computeIfAbsent(service + "." + action,
                key -> new ApiState(limits.get().of(service, action).map(limit -> new TokenBucket(limit, nanoTime))));
        boolean admitted = api.bucket.map(TokenBucket::tryTake).orElse(true);
        api.count(nanoTime.getAsLong() / NANOS_PER_SECOND, admitted, isRetry(request));
        return admitted;
    }

    /** The SDKs number each attempt of a call in {@code amz-sdk-request}: {@code attempt=2; max=5} is the first retry. */
    static boolean isRetry(AwsRequest request) {
        return request.header("amz-sdk-request").map(value -> {
            Matcher attempt = ATTEMPT.matcher(value);
            return attempt.find() && Integer.parseInt(attempt.group(1)) > 1;
        }).orElse(false);
    }

    /** One API's bucket and counters; guarded by the limiter's lock. */
    private static final class ApiState {
        final Optional<TokenBucket> bucket;
        long calls;
        long throttled;
        long retries;
        long second = Long.MIN_VALUE;
        long inSecond;
        long peak;

        ApiState(Optional<TokenBucket> bucket) {
            this.bucket = bucket;
        }

        void count(long nowSecond, boolean admitted, boolean retry) {
            calls++;
            throttled += admitted ? 0 : 1;
            retries += retry ? 1 : 0;
            if (nowSecond != second) {
                second = nowSecond;
                inSecond = 0;
            }
            peak = Math.max(peak, ++inSecond);
        }

        ApiCalls snapshot() {
            return new ApiCalls(calls, peak, throttled, retries, bucket.map(TokenBucket::limit));
        }
    }
}
