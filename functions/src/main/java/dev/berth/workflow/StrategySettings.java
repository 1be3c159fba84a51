package dev.berth.workflow;

import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.target.Strategy;
import java.time.Duration;

/**
 * The strategy and concurrency policy as the state machine carries them; the engine rebuilds the plan from here.
 * The health settings are every strategy's (blue/green's new color meets them too); {@code blueGreen} only blue/green's.
 */
public record StrategySettings(String name, long healthDeadlineSeconds, long pollIntervalSeconds, int failureThreshold,
                               String concurrencyPolicy, Long settleSeconds, BlueGreenSettings blueGreen) {

    public StrategySettings(String name, long healthDeadlineSeconds, long pollIntervalSeconds, int failureThreshold,
                            String concurrencyPolicy, Long settleSeconds) {
        this(name, healthDeadlineSeconds, pollIntervalSeconds, failureThreshold, concurrencyPolicy, settleSeconds, null);
    }

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
            case Strategy.BlueGreen b -> new StrategySettings(b.name(), b.health().healthDeadline().toSeconds(),
                    b.health().pollInterval().toSeconds(), b.health().failureThreshold(), policy.configName(),
                    b.health().settlePeriod().toSeconds(), BlueGreenSettings.of(b));
        };
    }

    /** The strategy these settings describe (validated again: they crossed a boundary). */
    public Strategy strategy() {
        return switch (name) {
            case "rolling" -> health();
            case "blue-green" -> {
                if (blueGreen == null) {
                    throw new dev.berth.domain.InvalidInputException("blue-green strategy settings are missing");
                }
                yield blueGreen.toStrategy(health());
            }
            case null, default -> throw new dev.berth.domain.InvalidInputException("unknown strategy '" + name
                    + "': Berth knows 'rolling' and 'blue-green'");
        };
    }

    private Strategy.Rolling health() {
        return new Strategy.Rolling(Duration.ofSeconds(healthDeadlineSeconds), Duration.ofSeconds(pollIntervalSeconds),
                failureThreshold, settleSeconds == null ? Strategy.Rolling.defaultSettle(Duration.ofSeconds(healthDeadlineSeconds))
                        : Duration.ofSeconds(settleSeconds));
    }

    public ConcurrencyPolicy policy() {
        return ConcurrencyPolicy.parse(concurrencyPolicy);
    }
}
