package dev.berth.domain.deployment;

import dev.berth.domain.plan.Phase;
import java.time.Instant;

/**
 * Where a deployment is in its plan: the step it started last, and when.
 *
 * @param index        the step's position in its phase's list, from 0
 * @param rollbackCause for the rollback phase, what it undoes: {@code failure} or {@code ecs-rollback} (the
 *                     rollback's steps depend on it); empty text in the forward phase
 */
public record Progress(Phase phase, int index, String step, Instant startedAt, String rollbackCause) {

    public Progress {
        if (phase == null || index < 0 || step == null || step.isBlank() || startedAt == null) {
            throw new IllegalArgumentException("progress needs a phase, a step index from 0, the step's name and its start");
        }
        rollbackCause = rollbackCause == null ? "" : rollbackCause;
    }
}
