package dev.berth.domain.deployment;

/**
 * Where a deployment stands; final ones never change again.
 *
 * <p>PENDING → IN_PROGRESS | FAILED | ABORTED | SUPERSEDED; IN_PROGRESS → SUCCEEDED | ROLLING_BACK | FAILED | ABORTED |
 * SUPERSEDED; ROLLING_BACK → ROLLED_BACK | FAILED | ABORTED | SUPERSEDED (a rollback stopped by someone else's
 * change, or by a newer push that will change the service anyway).
 */
public enum DeploymentStatus {
    PENDING,
    IN_PROGRESS,
    ROLLING_BACK,
    SUCCEEDED,
    ROLLED_BACK,
    FAILED,
    ABORTED,
    SUPERSEDED;

    /** Whether the deployment is over. */
    public boolean isFinal() {
        return switch (this) {
            case PENDING, IN_PROGRESS, ROLLING_BACK -> false;
            case SUCCEEDED, ROLLED_BACK, FAILED, ABORTED, SUPERSEDED -> true;
        };
    }

    /** Whether a deployment in this status may move to {@code next}. */
    public boolean canMoveTo(DeploymentStatus next) {
        if (next == null) {
            return false;
        }
        return switch (this) {
            case PENDING -> next == IN_PROGRESS || next == FAILED || next == ABORTED || next == SUPERSEDED;
            case IN_PROGRESS -> next == SUCCEEDED || next == ROLLING_BACK || next == FAILED || next == ABORTED || next == SUPERSEDED;
            case ROLLING_BACK -> next == ROLLED_BACK || next == FAILED || next == ABORTED || next == SUPERSEDED;
            case SUCCEEDED, ROLLED_BACK, FAILED, ABORTED, SUPERSEDED -> false;
        };
    }
}
