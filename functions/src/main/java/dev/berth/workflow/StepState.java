package dev.berth.workflow;

import dev.berth.domain.plan.Phase;
import java.time.Instant;

/**
 * The engine's state as the state machine carries it at {@code $.step}: each engine function takes it
 * and returns the next one. Every field is always present (Step Functions paths must exist).
 *
 * @param index          the step's position in its phase, -1 before the first
 * @param startedAt      when the step's action was done: its deadline counts from here
 * @param waitSeconds    how long to wait before the next look (or the next try for the service)
 * @param unhealthyLooks consecutive unhealthy looks so far in this step
 * @param summary        what the last look showed; the timeline gets an entry only when this changes
 * @param outcome        with {@link Next#CONCLUDE}: the final status to record; else empty
 * @param reason         with {@link Next#CONCLUDE} or {@link Next#ROLL_BACK}: why
 * @param rollbackCause  in the rollback phase: {@code failure} or {@code ecs-rollback}; else empty
 * @param failedTasks    ECS's count of the judged revision's failed tasks at the last look: a look counts new failures
 */
public record StepState(Phase phase, int index, String name, Instant startedAt, long waitSeconds, int unhealthyLooks,
                        String summary, Next next, String outcome, String reason, String rollbackCause, int failedTasks) {

    /** A state with no failed tasks seen yet. */
    public StepState(Phase phase, int index, String name, Instant startedAt, long waitSeconds, int unhealthyLooks,
                     String summary, Next next, String outcome, String reason, String rollbackCause) {
        this(phase, index, name, startedAt, waitSeconds, unhealthyLooks, summary, next, outcome, reason, rollbackCause, 0);
    }

    public StepState {
        phase = phase == null ? Phase.FORWARD : phase;
        name = name == null ? "" : name;
        startedAt = startedAt == null ? Instant.EPOCH : startedAt;
        summary = summary == null ? "" : summary;
        next = next == null ? Next.PREPARE : next;
        outcome = outcome == null ? "" : outcome;
        reason = reason == null ? "" : reason;
        rollbackCause = rollbackCause == null ? "" : rollbackCause;
    }

    /** Before anything happened: the execution input starts with this. */
    public static StepState initial() {
        return new StepState(Phase.FORWARD, -1, "", Instant.EPOCH, 0, 0, "", Next.PREPARE, "", "", "");
    }

    /** This state, routed to {@code next} for {@code reason} (the outcome only when concluding). */
    public StepState then(Next next, String outcome, String reason) {
        return new StepState(phase, index, name, startedAt, waitSeconds, unhealthyLooks, summary, next, outcome, reason, rollbackCause,
                failedTasks);
    }

    /** This state, deciding to conclude with {@code outcome}. */
    public StepState concluding(String outcome, String reason) {
        return then(Next.CONCLUDE, outcome, reason);
    }

    /** This state, waiting {@code seconds} before {@code next}. */
    public StepState waiting(Next next, long seconds, String reason) {
        return new StepState(phase, index, name, startedAt, seconds, unhealthyLooks, summary, next, "", reason, rollbackCause, failedTasks);
    }

    /** This state after a look: the run of unhealthy looks and what was seen. */
    public StepState looked(int looks, String seen, long seconds, Next next, String outcome, String why) {
        return new StepState(phase, index, name, startedAt, seconds, looks, seen, next, outcome, why, rollbackCause, failedTasks);
    }

    /** This state, remembering ECS's failed-task count of this look. */
    public StepState withFailedTasks(int count) {
        return new StepState(phase, index, name, startedAt, waitSeconds, unhealthyLooks, summary, next, outcome, reason, rollbackCause,
                count);
    }
}
