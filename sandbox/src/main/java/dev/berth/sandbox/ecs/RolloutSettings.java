package dev.berth.sandbox.ecs;

/**
 * The parts of a service's {@code deploymentConfiguration} the rolling update honours.
 *
 * @param minimumHealthyPercent healthy tasks kept during a deployment, as a percentage of the desired
 *                              count (rounded up)
 * @param maximumPercent        tasks allowed during a deployment, as a percentage of the desired count
 *                              (rounded down)
 */
public record RolloutSettings(int minimumHealthyPercent, int maximumPercent, boolean circuitBreakerEnabled,
                              boolean rollback) {

    public RolloutSettings {
        if (minimumHealthyPercent < 0 || maximumPercent < 0) {
            throw new IllegalArgumentException("deployment percentages must not be negative");
        }
    }

    /** What ECS uses when a service says nothing: 100 % / 200 %, no circuit breaker. */
    public static RolloutSettings defaults() {
        return new RolloutSettings(100, 200, false, false);
    }

    public RolloutSettings withCircuitBreaker(boolean enable, boolean rollbackOnFailure) {
        return new RolloutSettings(minimumHealthyPercent, maximumPercent, enable, rollbackOnFailure);
    }

    /** Failed tasks that trip the circuit breaker: half the desired count, at least 3 and at most 200. */
    public static int failureThreshold(int desiredCount) {
        return Math.max(3, Math.min(200, (desiredCount + 1) / 2));
    }
}
