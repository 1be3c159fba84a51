package dev.berth.domain.plan;

import dev.berth.domain.target.Strategy;

/** What a deployment superseded by a newer push does so that it leaves the service consistent. */
public enum SupersedeHandling {
    /**
     * Stop where it is: ECS's own rolling update is consistent at any point, and the newer deployment
     * moves the service on from there (rolling back first would only roll twice).
     */
    STOP,
    /** Undo what it did first (traffic shifted to a new color must go back before the newer deployment starts). */
    UNDO;

    public static SupersedeHandling of(Strategy strategy) {
        return switch (strategy) {
            case Strategy.Rolling r -> STOP;
            case Strategy.BlueGreen b -> UNDO;
        };
    }
}
