package dev.berth.domain.health;

import java.util.Optional;

/**
 * One ECS deployment of a service as DescribeServices shows it.
 *
 * @param status PRIMARY, ACTIVE or INACTIVE
 * @param rolloutState IN_PROGRESS, COMPLETED or FAILED; absent for deployment controllers that do not report it
 */
public record EcsDeploymentView(
        String id,
        String status,
        String taskDefinitionArn,
        Optional<String> rolloutState,
        Optional<String> rolloutStateReason,
        int desiredCount,
        int runningCount,
        int pendingCount,
        int failedTasks) {

    public EcsDeploymentView {
        if (id == null || status == null || taskDefinitionArn == null) {
            throw new IllegalArgumentException("an ECS deployment needs an id, a status and a task definition");
        }
        rolloutState = rolloutState == null ? Optional.empty() : rolloutState;
        rolloutStateReason = rolloutStateReason == null ? Optional.empty() : rolloutStateReason;
        if (desiredCount < 0 || runningCount < 0 || pendingCount < 0 || failedTasks < 0) {
            throw new IllegalArgumentException("ECS deployment " + id + " has a negative task count");
        }
    }

    /** Whether ECS still counts this deployment (PRIMARY or ACTIVE). */
    public boolean isLive() {
        return !"INACTIVE".equals(status);
    }
}
