package dev.berth.domain.health;

/** The verdict on a step after a look, consecutive evidence weighed. */
public sealed interface StepVerdict {

    String summary();

    /** The check passed: the step is done. */
    record Complete(String summary) implements StepVerdict {}

    /** Look again; {@code unhealthyLooks} is the run of consecutive unhealthy looks so far. */
    record InProgress(String summary, int unhealthyLooks) implements StepVerdict {}

    /** The revision failed: roll back. */
    record Failed(String summary) implements StepVerdict {}

    /** ECS is rolling the service back by itself: watch it, do not roll back on top of it. */
    record EcsRolledBack(String summary) implements StepVerdict {}

    /** Someone else changed the service: stop, and leave it as they set it. */
    record ChangedOutside(String summary) implements StepVerdict {}

    /**
     * Weighs a look: unhealthy looks fail the step only when {@code failureThreshold} come in a row (as
     * Argo's failureLimit); any other look breaks the run.
     */
    static StepVerdict weigh(Look look, int previousUnhealthyLooks, int failureThreshold) {
        return switch (look) {
            case Look.Healthy h -> new Complete(h.summary());
            case Look.Progressing p -> new InProgress(p.summary(), 0);
            case Look.Unhealthy u -> {
                int run = previousUnhealthyLooks + 1;
                yield run >= failureThreshold
                        ? new Failed(u.summary())
                        : new InProgress("unhealthy (" + run + " of " + failureThreshold + " looks): " + u.summary(), run);
            }
            case Look.Failed f -> new Failed(f.summary());
            case Look.EcsRollingBack e -> new EcsRolledBack(e.summary());
            case Look.ChangedOutside c -> new ChangedOutside(c.summary());
        };
    }
}
