package dev.berth.sandbox.ecs;

import java.time.Instant;

/** The mutable state of one deployment inside a {@link SimService}. */
final class SimDeployment {

    final String id;
    final TaskDefinitionInfo taskDefinition;
    final Instant createdAt;
    /** A deployment started by the circuit breaker; when it fails too, nothing rolls back again. */
    final boolean rollback;

    DeploymentStatus status = DeploymentStatus.PRIMARY;
    RolloutState rolloutState = RolloutState.IN_PROGRESS;
    String rolloutStateReason;
    Instant updatedAt;
    int failedTasks;

    SimDeployment(String id, TaskDefinitionInfo taskDefinition, Instant createdAt, boolean rollback, String reason) {
        this.id = id;
        this.taskDefinition = taskDefinition;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.rollback = rollback;
        this.rolloutStateReason = reason;
    }
}
