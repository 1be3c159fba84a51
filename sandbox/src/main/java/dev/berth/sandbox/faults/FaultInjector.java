package dev.berth.sandbox.faults;

import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's first interceptor after the {@link dev.berth.sandbox.throttling.RateLimiter}: makes the calls that match a {@link FaultRule} fail, the first
 * matching rule that fires winning, and serves {@code /_berth/faults} ({@link FaultEndpoint}). Calls the
 * sandbox makes to its emulators on its own (the data plane's) never pass here. Thread-safe.
 */
public final class FaultInjector implements Interceptor {

    /** A rule as it stands: its id, and how many calls it matched and made fail. */
    public record FaultStatus(String id, FaultRule rule, int matched, int fired) {}

    private static final String CONTROL_PREFIX = "/_berth/";

    private final List<ActiveRule> rules = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final FaultEndpoint endpoint = new FaultEndpoint(this);
    /** Calls made to fail, per {@code service.Action}: what the scale bench reports next to throttling. */
    private final Map<String, Integer> firedByApi = new TreeMap<>();

    /** Adds a rule after the existing ones; returns its id (for {@link #status} and {@link #remove}). */
    public synchronized String add(FaultRule rule) {
        int number = ids.incrementAndGet();
        String id = "fault-" + number;
        rules.add(new ActiveRule(id, rule, new SplittableRandom(0x5eedL * number)));
        return id;
    }

    public synchronized List<FaultStatus> list() {
        return rules.stream().map(ActiveRule::status).toList();
    }

    public synchronized Optional<FaultStatus> status(String id) {
        return rules.stream().filter(rule -> rule.id.equals(id)).findFirst().map(ActiveRule::status);
    }

    public synchronized boolean remove(String id) {
        return rules.removeIf(rule -> rule.id.equals(id));
    }

    /** No call fails any more, and the per-API counts restart. */
    public synchronized void clear() {
        rules.clear();
        firedByApi.clear();
    }

    /** How many calls rules made fail, per {@code service.Action}, since the last {@link #clear}. */
    public synchronized Map<String, Integer> firedByApi() {
        return Map.copyOf(firedByApi);
    }

    @Override
    public Optional<AwsResponse> handle(AwsRequest request, Upstream next) {
        if (request.path().startsWith(CONTROL_PREFIX)) {
            return endpoint.handle(request);
        }
        Optional<ActiveRule> firing = firingRule(request);
        return firing.map(rule -> FaultResponses.of(request, rule.rule.status(), rule.rule.errorCode(),
                rule.rule.message(), UUID.randomUUID().toString()));
    }

    private synchronized Optional<ActiveRule> firingRule(AwsRequest request) {
        for (ActiveRule rule : rules) {
            if (matches(rule.rule, request) && rule.fires()) {
                firedByApi.merge(request.service() + "." + request.action().orElse(request.method() + " " + request.path()), 1,
                        Integer::sum);
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    static boolean matches(FaultRule rule, AwsRequest request) {
        return rule.service().equals(request.service())
                && rule.action().map(action -> request.action().filter(action::equals).isPresent()).orElse(true)
                && rule.function().map(function -> calledBy(request, function)).orElse(true)
                && rule.bodyContains().map(text -> request.bodyText().contains(text)).orElse(true);
    }

    /** The SDKs put their application id in the User-Agent as {@code app/<id>}. */
    private static boolean calledBy(AwsRequest request, String function) {
        String userAgent = request.header("user-agent").orElse("");
        return Arrays.asList(userAgent.split(" ")).contains("app/" + function);
    }

    /** A rule with its counters; guarded by the injector's lock. */
    private static final class ActiveRule {
        final String id;
        final FaultRule rule;
        final SplittableRandom random;
        int matched;
        int fired;

        ActiveRule(String id, FaultRule rule, SplittableRandom random) {
            this.id = id;
            this.rule = rule;
            this.random = random;
        }

        /** Counts a matching call and says whether it fails. */
        boolean fires() {
            matched++;
            boolean fires = switch (rule.budget()) {
                case FaultRule.Budget.Always a -> true;
                case FaultRule.Budget.Times(int count) -> fired < count;
                case FaultRule.Budget.Share(double ratio) -> random.nextDouble() < ratio;
            };
            if (fires) {
                fired++;
            }
            return fires;
        }

        FaultStatus status() {
            return new FaultStatus(id, rule, matched, fired);
        }
    }
}
