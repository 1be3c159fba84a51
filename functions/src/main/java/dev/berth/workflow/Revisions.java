package dev.berth.workflow;

/**
 * The task definition revisions of a deployment, as the state machine carries them at {@code $.revisions}.
 *
 * @param previous the revision that was serving before
 * @param next     the revision being deployed
 * @param rollback what a rollback returns to: {@code previous}, or a copy of it pinned to running digests
 */
public record Revisions(String previous, String next, String rollback) {

    public Revisions {
        if (previous == null || next == null || rollback == null) {
            throw new IllegalArgumentException("revisions need the previous, next and rollback task definitions");
        }
    }

    /** The ARN of the revision with this role in the deployment. */
    public String of(dev.berth.domain.plan.Revision role) {
        return switch (role) {
            case NEW -> next;
            case PREVIOUS -> previous;
            case ROLLBACK -> rollback;
        };
    }
}
