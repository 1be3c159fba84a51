package dev.berth.sandbox.ecs;

import java.time.Instant;

/** A deployment of a service as DescribeServices shows it. */
public record DeploymentView(String id, DeploymentStatus status, String taskDefinitionArn, int desiredCount,
                             int runningCount, int pendingCount, int failedTasks, RolloutState rolloutState,
                             String rolloutStateReason, Instant createdAt, Instant updatedAt) {}
