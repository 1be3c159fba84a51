package dev.berth.workflow;

/**
 * The task definition revisions of a deployment, as the state machine carries them at {@code $.revisions}.
 *
 * @param previous the revision that was serving before
 * @param next     the revision being deployed
 * @param rollback what a rollback returns to: {@code previous}, or a copy of it pinned to running digests
 * @param liveColor blue/green: the color that was live when the deployment started ({@code blue}, {@code green});
 *                  empty for strategies with one service
 */
public record Revisions(String previous, String next, String rollback, String liveColor) {

    public Revisions {
        if (previous == null || next == null || rollback == null) {
            throw new IllegalArgumentException("revisions need the previous, next and rollback task definitions");
        }
        liveColor = liveColor == null ? "" : liveColor;
    }

    /** Revisions of a deployment to one service. */
    public Revisions(String previous, String next, String rollback) {
        this(previous, next, rollback, "");
    }

    /** Blue/green: the color this deployment brings (the one idle when it started). */
    public java.util.Optional<dev.berth.domain.traffic.Color> newColor() {
        return liveColor.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(dev.berth.domain.traffic.Color.parse(liveColor).other());
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
