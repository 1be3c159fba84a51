package dev.berth.workflow;

import dev.berth.domain.target.Strategy;

/** The strategy as the state machine reads it: Wait states take whole seconds from here. */
public record StrategySettings(String name, long healthDeadlineSeconds, long pollIntervalSeconds) {

    public static StrategySettings of(Strategy strategy) {
        return switch (strategy) {
            case Strategy.Rolling r -> new StrategySettings(r.name(), r.healthDeadline().toSeconds(), r.pollInterval().toSeconds());
        };
    }
}
