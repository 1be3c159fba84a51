package dev.berth.workflow;

import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.target.Strategy;
import java.time.Duration;

/** The strategy and concurrency policy as the state machine carries them; the engine rebuilds the plan from here. */
public record StrategySettings(String name, long healthDeadlineSeconds, long pollIntervalSeconds, int failureThreshold,
                               String concurrencyPolicy, Long settleSeconds) {

    /** Settings written before the settle period existed: it takes its default. */
    public StrategySettings(String name, long healthDeadlineSeconds, long pollIntervalSeconds, int failureThreshold,
                            String concurrencyPolicy) {
        this(name, healthDeadlineSeconds, pollIntervalSeconds, failureThreshold, concurrencyPolicy, null);
    }

    public StrategySettings {
        concurrencyPolicy = concurrencyPolicy == null ? ConcurrencyPolicy.SUPERSEDE.configName() : concurrencyPolicy;
        failureThreshold = failureThreshold == 0 ? Strategy.Rolling.DEFAULT_FAILURE_THRESHOLD : failureThreshold;
    }

    public static StrategySettings of(Strategy strategy, ConcurrencyPolicy policy) {
        return switch (strategy) {
            case Strategy.Rolling r -> new StrategySettings(r.name(), r.healthDeadline().toSeconds(), r.pollInterval().toSeconds(),
                    r.failureThreshold(), policy.configName(), r.settlePeriod().toSeconds());
        };
    }

    /** The strategy these settings describe (validated again: they crossed a boundary). */
    public Strategy strategy() {
        return switch (name) {
            case "rolling" -> new Strategy.Rolling(Duration.ofSeconds(healthDeadlineSeconds), Duration.ofSeconds(pollIntervalSeconds),
                    failureThreshold, settleSeconds == null ? Strategy.Rolling.defaultSettle(Duration.ofSeconds(healthDeadlineSeconds))
                            : Duration.ofSeconds(settleSeconds));
            case null, default -> throw new dev.berth.domain.InvalidInputException("unknown strategy '" + name + "': Berth knows 'rolling'");
        };
    }

    public ConcurrencyPolicy policy() {
        return ConcurrencyPolicy.parse(concurrencyPolicy);
    }
}
