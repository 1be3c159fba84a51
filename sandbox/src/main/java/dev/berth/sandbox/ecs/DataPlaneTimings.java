package dev.berth.sandbox.ecs;

import java.time.Duration;

/**
 * How long things take in the simulated data plane, in sim time.
 *
 * @param provisioningDelay   PROVISIONING → PENDING (ENI attachment)
 * @param taskStartDelay      PENDING → RUNNING (image pull, container start); must be positive so a
 *                            crashing image cannot relaunch in zero time
 * @param healthCheckInterval time between two health checks of one target (ALB or container)
 * @param healthyThreshold    consecutive passing checks before a target is healthy
 * @param unhealthyThreshold  consecutive failing checks before a target is unhealthy
 * @param deregistrationDelay how long a deregistered target drains before its task stops
 * @param ecsReactionDelay    how long ECS takes to notice that a new task failed its health checks and
 *                            stop it (real ECS polls target health, so for a while the target shows unhealthy)
 * @param servingTaskReactionDelay how long ECS takes to act on a task that had passed its health checks
 *                            and then fails them: it then starts a replacement first and stops the
 *                            unhealthy task once the replacement is healthy. In AWS, with a target group's
 *                            default checks (every 30 s), a serving target stays unhealthy for a minute or
 *                            more before ECS replaces it; the sandbox's checks are faster, so this keeps the
 *                            unhealthy target visible about as long
 */
public record DataPlaneTimings(Duration provisioningDelay, Duration taskStartDelay, Duration healthCheckInterval,
                               int healthyThreshold, int unhealthyThreshold, Duration deregistrationDelay,
                               Duration ecsReactionDelay, Duration servingTaskReactionDelay) {

    /** The default {@link #servingTaskReactionDelay}: at the demo's 20x, 3 s of real time. */
    public static final Duration DEFAULT_SERVING_TASK_REACTION_DELAY = Duration.ofSeconds(60);

    public DataPlaneTimings {
        requireNotNegative("provisioningDelay", provisioningDelay);
        requireNotNegative("taskStartDelay", taskStartDelay);
        requireNotNegative("healthCheckInterval", healthCheckInterval);
        requireNotNegative("deregistrationDelay", deregistrationDelay);
        requireNotNegative("ecsReactionDelay", ecsReactionDelay);
        requireNotNegative("servingTaskReactionDelay", servingTaskReactionDelay);
        if (taskStartDelay.isZero()) {
            throw new IllegalArgumentException("taskStartDelay must be positive");
        }
        if (healthyThreshold < 1 || unhealthyThreshold < 1) {
            throw new IllegalArgumentException("health check thresholds must be at least 1");
        }
    }

    /** Timings with the default {@link #servingTaskReactionDelay}. */
    public DataPlaneTimings(Duration provisioningDelay, Duration taskStartDelay, Duration healthCheckInterval,
                            int healthyThreshold, int unhealthyThreshold, Duration deregistrationDelay,
                            Duration ecsReactionDelay) {
        this(provisioningDelay, taskStartDelay, healthCheckInterval, healthyThreshold, unhealthyThreshold,
                deregistrationDelay, ecsReactionDelay, DEFAULT_SERVING_TASK_REACTION_DELAY);
    }

    /**
     * Realistic for Fargate behind an ALB with a fast health check: 2 s provisioning, 5 s start, checks
     * every 5 s, 2 to be healthy, 2 to be unhealthy, 10 s deregistration delay, 3 s for ECS to react to a
     * new task failing, 60 s to a serving one.
     */
    public static DataPlaneTimings defaults() {
        return new DataPlaneTimings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), 2, 2,
                Duration.ofSeconds(10), Duration.ofSeconds(3), DEFAULT_SERVING_TASK_REACTION_DELAY);
    }

    /** Every duration divided by {@code factor} (thresholds unchanged): a whole rollout {@code factor}× shorter. */
    public DataPlaneTimings dividedBy(long factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1: " + factor);
        }
        Duration start = taskStartDelay.dividedBy(factor);
        return new DataPlaneTimings(provisioningDelay.dividedBy(factor), start.isZero() ? Duration.ofNanos(1) : start,
                healthCheckInterval.dividedBy(factor), healthyThreshold, unhealthyThreshold,
                deregistrationDelay.dividedBy(factor), ecsReactionDelay.dividedBy(factor),
                servingTaskReactionDelay.dividedBy(factor));
    }

    public DataPlaneTimings withDeregistrationDelay(Duration delay) {
        return new DataPlaneTimings(provisioningDelay, taskStartDelay, healthCheckInterval, healthyThreshold,
                unhealthyThreshold, delay, ecsReactionDelay, servingTaskReactionDelay);
    }

    public DataPlaneTimings withHealthCheck(Duration interval, int healthy, int unhealthy) {
        return new DataPlaneTimings(provisioningDelay, taskStartDelay, interval, healthy, unhealthy,
                deregistrationDelay, ecsReactionDelay, servingTaskReactionDelay);
    }

    public DataPlaneTimings withServingTaskReactionDelay(Duration delay) {
        return new DataPlaneTimings(provisioningDelay, taskStartDelay, healthCheckInterval, healthyThreshold,
                unhealthyThreshold, deregistrationDelay, ecsReactionDelay, delay);
    }

    /** Launch until RUNNING. */
    public Duration launchToRunning() {
        return provisioningDelay.plus(taskStartDelay);
    }

    /** RUNNING until a healthy image's target is healthy. */
    public Duration timeToHealthy() {
        return healthCheckInterval.multipliedBy(healthyThreshold);
    }

    /** RUNNING until an unhealthy image's target is unhealthy. */
    public Duration timeToUnhealthy() {
        return healthCheckInterval.multipliedBy(unhealthyThreshold);
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a non-negative duration: " + value);
        }
    }
}
