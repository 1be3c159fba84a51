package dev.berth.domain.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The history record of one deployment, and its status transitions: every change of status goes
 * through a method here ({@link #start}, {@link #rollingBack}, {@link #conclude}...), never through
 * handlers setting fields.
 *
 * <p>Built by Berth itself, so a malformed record is a bug: the constructor throws IllegalArgumentException, not
 * InvalidInputException. A final status always has {@code finishedAt}, and only a final status has it.
 *
 * @param image                     the image as pushed, in canonical form
 * @param strategy                  the strategy's name, e.g. {@code rolling}
 * @param previousTaskDefinitionArn the revision that was serving when the deployment started
 * @param newTaskDefinitionArn      the revision it deploys (registered from the image, or given)
 * @param rollbackTaskDefinitionArn what a rollback returns to: the previous revision, or a copy of it pinned
 *                                  to the digests its tasks were running when it named images by tag
 * @param progress                  the plan step it started last: what a retried or resumed step continues from
 * @param pendingExecution          while PENDING, the execution input, so a start that was lost can be retried
 * @param newColor                  blue/green: the color it brings ({@code blue}, {@code green}); live once it SUCCEEDED
 * @param gateToken                 blue/green: while a manual gate waits, the task token that promote or abort answers
 */
public record Deployment(
        String id,
        String cluster,
        String service,
        Trigger trigger,
        String image,
        Optional<String> digest,
        String strategy,
        Optional<String> previousTaskDefinitionArn,
        Optional<String> newTaskDefinitionArn,
        Optional<String> rollbackTaskDefinitionArn,
        DeploymentStatus status,
        Optional<String> reason,
        Instant startedAt,
        Optional<Instant> finishedAt,
        Optional<Progress> progress,
        List<TimelineEntry> timeline,
        Optional<String> pendingExecution,
        Optional<String> newColor,
        Optional<String> gateToken) {

    public Deployment {
        if (id == null || id.isBlank() || cluster == null || service == null || trigger == null || image == null
                || strategy == null || status == null || startedAt == null) {
            throw new IllegalArgumentException("deployment " + id
                    + " needs an id, cluster, service, trigger, image, strategy, status and start time");
        }
        digest = orEmpty(digest);
        previousTaskDefinitionArn = orEmpty(previousTaskDefinitionArn);
        newTaskDefinitionArn = orEmpty(newTaskDefinitionArn);
        rollbackTaskDefinitionArn = orEmpty(rollbackTaskDefinitionArn);
        reason = orEmpty(reason);
        finishedAt = orEmpty(finishedAt);
        progress = orEmpty(progress);
        pendingExecution = orEmpty(pendingExecution);
        newColor = orEmpty(newColor);
        gateToken = orEmpty(gateToken);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        if (status.isFinal() != finishedAt.isPresent()) {
            throw new IllegalArgumentException("deployment " + id + " is " + status + (status.isFinal()
                    ? " but has no finish time"
                    : " but has a finish time"));
        }
    }

    /** A deployment to one service (no colors, no gate). */
    public Deployment(String id, String cluster, String service, Trigger trigger, String image, Optional<String> digest,
                      String strategy, Optional<String> previousTaskDefinitionArn, Optional<String> newTaskDefinitionArn,
                      Optional<String> rollbackTaskDefinitionArn, DeploymentStatus status, Optional<String> reason,
                      Instant startedAt, Optional<Instant> finishedAt, Optional<Progress> progress, List<TimelineEntry> timeline,
                      Optional<String> pendingExecution) {
        this(id, cluster, service, trigger, image, digest, strategy, previousTaskDefinitionArn, newTaskDefinitionArn,
                rollbackTaskDefinitionArn, status, reason, startedAt, finishedAt, progress, timeline, pendingExecution,
                Optional.empty(), Optional.empty());
    }

    /** A deployment just triggered: PENDING, with a "Triggered" entry and the input its execution starts with. */
    public static Deployment pending(String id, String cluster, String service, Trigger trigger, String image,
                                     Optional<String> digest, String strategy, Instant at, String triggeredDetail,
                                     Optional<String> executionInput) {
        return new Deployment(id, cluster, service, trigger, image, digest, strategy, Optional.empty(), Optional.empty(),
                Optional.empty(), DeploymentStatus.PENDING, Optional.empty(), at, Optional.empty(), Optional.empty(),
                List.of(new TimelineEntry(at, "Triggered", triggeredDetail)), executionInput);
    }

    /** The service it deploys to: {@code cluster/service}, as {@code Target.key()}. */
    public String serviceKey() {
        return cluster + "/" + service;
    }

    /**
     * This deployment in status {@code next}, finished at {@code at} when {@code next} is final. Without a new reason
     * the earlier one is kept, so ROLLED_BACK still says why it rolled back. The timeline is not touched.
     *
     * @throws IllegalStateException when the status may not move to {@code next}
     */
    public Deployment moveTo(DeploymentStatus next, Optional<String> newReason, Instant at) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("deployment " + id + " cannot move from " + status + " to " + next);
        }
        if (at == null) {
            throw new IllegalArgumentException("moving deployment " + id + " to " + next + " needs a time");
        }
        return copy().status(next).reason(newReason == null || newReason.isEmpty() ? reason : newReason)
                .finishedAt(next.isFinal() ? Optional.of(at) : Optional.empty()).build();
    }

    /**
     * The deployment owns its service and knows its revisions: IN_PROGRESS (a retried step finds it
     * IN_PROGRESS already and only the revisions are written again). The execution input is no longer needed.
     */
    public Deployment start(String previousArn, String newArn, String rollbackArn, Instant at, String detail) {
        Deployment moved = status == DeploymentStatus.PENDING ? moveTo(DeploymentStatus.IN_PROGRESS, Optional.empty(), at) : this;
        return moved.copy().previous(Optional.of(previousArn)).next(Optional.of(newArn)).rollback(Optional.of(rollbackArn))
                .pendingExecution(Optional.empty()).build()
                .append(new TimelineEntry(at, "Prepared revisions", detail));
    }

    /** This deployment, recording the revision it deploys (before the others are known). */
    public Deployment withNewTaskDefinitionArn(String arn) {
        return copy().next(Optional.of(arn)).build();
    }

    /** This deployment, recording the revision a rollback returns to (before the others are known). */
    public Deployment withRollbackTaskDefinitionArn(String arn) {
        return copy().rollback(Optional.of(arn)).build();
    }

    /** Blue/green: the color this deployment brings, known once its revisions are prepared. */
    public Deployment withNewColor(String color) {
        return copy().newColor(Optional.of(color)).build();
    }

    /** A manual gate waits on {@code token}: promote or abort answers it (a final record keeps no token). */
    public Deployment awaitingGate(String token, Instant at, String detail) {
        if (status.isFinal()) {
            return this;
        }
        return copy().gateToken(Optional.of(token)).build().append(new TimelineEntry(at, "Manual gate", detail));
    }

    /** The gate was answered ({@code answer} says how and by whom): its token is spent. */
    public Deployment gateAnswered(Instant at, String answer) {
        return copy().gateToken(Optional.empty()).build().append(new TimelineEntry(at, "Manual gate", answer));
    }

    /** A step of the plan has started: progress moves on, and the timeline says what the step did. */
    public Deployment stepStarted(Progress next, String detail) {
        return copy().progress(Optional.of(next)).build().append(new TimelineEntry(next.startedAt(), next.step(), detail));
    }

    /** The deployment is being undone, for {@code why}: ROLLING_BACK (once; a retried step changes nothing). */
    public Deployment rollingBack(String why, Instant at) {
        return status.canMoveTo(DeploymentStatus.ROLLING_BACK) ? moveTo(DeploymentStatus.ROLLING_BACK, Optional.of(why), at) : this;
    }

    /**
     * The final word, written once: a record already final stays as it is (a retried step). A failed
     * rollback keeps the reason the rollback was started for; an outcome the record cannot move to
     * directly is written as FAILED, saying so, so that every deployment still ends with a final record.
     */
    public Deployment conclude(DeploymentStatus outcome, Optional<String> given, Instant at) {
        if (!outcome.isFinal()) {
            throw new IllegalArgumentException("deployment " + id + " cannot conclude as " + outcome + ": not a final status");
        }
        if (status.isFinal()) {
            return this;
        }
        Optional<String> why = outcome == DeploymentStatus.FAILED && status == DeploymentStatus.ROLLING_BACK
                ? Optional.of(given.orElse("rollback failed") + reason.map(r -> "; rolled back because: " + r).orElse(""))
                : given.or(() -> reason);
        Deployment concluded;
        if (status.canMoveTo(outcome)) {
            concluded = moveTo(outcome, why, at);
        } else {
            why = Optional.of(why.orElse(outcome.name()) + " (recorded as FAILED: a " + status + " deployment cannot become " + outcome + ")");
            concluded = moveTo(DeploymentStatus.FAILED, why, at);
        }
        return concluded.copy().pendingExecution(Optional.empty()).gateToken(Optional.empty()).build()
                .append(new TimelineEntry(at, concluded.status().name(), why.orElse("")));
    }

    /** This deployment with one more timeline entry at the end (the timeline stays bounded: {@link Timeline}). */
    public Deployment append(TimelineEntry entry) {
        if (entry == null) {
            throw new IllegalArgumentException("no timeline entry to append to deployment " + id);
        }
        return copy().timeline(Timeline.append(timeline, entry)).build();
    }

    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    private Copy copy() {
        return new Copy(this);
    }

    /** A changed copy, field by field: the record has too many parts for one wither each. */
    private static final class Copy {
        private final Deployment d;
        private Optional<String> previous;
        private Optional<String> next;
        private Optional<String> rollback;
        private DeploymentStatus status;
        private Optional<String> reason;
        private Optional<Instant> finishedAt;
        private Optional<Progress> progress;
        private List<TimelineEntry> timeline;
        private Optional<String> pendingExecution;
        private Optional<String> newColor;
        private Optional<String> gateToken;

        Copy(Deployment d) {
            this.d = d;
            this.previous = d.previousTaskDefinitionArn;
            this.next = d.newTaskDefinitionArn;
            this.rollback = d.rollbackTaskDefinitionArn;
            this.status = d.status;
            this.reason = d.reason;
            this.finishedAt = d.finishedAt;
            this.progress = d.progress;
            this.timeline = d.timeline;
            this.pendingExecution = d.pendingExecution;
            this.newColor = d.newColor;
            this.gateToken = d.gateToken;
        }

        Copy previous(Optional<String> value) { previous = value; return this; }
        Copy next(Optional<String> value) { next = value; return this; }
        Copy rollback(Optional<String> value) { rollback = value; return this; }
        Copy status(DeploymentStatus value) { status = value; return this; }
        Copy reason(Optional<String> value) { reason = value; return this; }
        Copy finishedAt(Optional<Instant> value) { finishedAt = value; return this; }
        Copy progress(Optional<Progress> value) { progress = value; return this; }
        Copy timeline(List<TimelineEntry> value) { timeline = value; return this; }
        Copy pendingExecution(Optional<String> value) { pendingExecution = value; return this; }
        Copy newColor(Optional<String> value) { newColor = value; return this; }
        Copy gateToken(Optional<String> value) { gateToken = value; return this; }

        Deployment build() {
            return new Deployment(d.id, d.cluster, d.service, d.trigger, d.image, d.digest, d.strategy, previous, next,
                    rollback, status, reason, d.startedAt, finishedAt, progress, timeline, pendingExecution, newColor, gateToken);
        }
    }
}
