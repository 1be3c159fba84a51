package dev.berth.engine;

import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.lease.Claim;
import dev.berth.domain.lease.Renewal;
import dev.berth.domain.plan.Phase;
import dev.berth.domain.plan.SupersedeHandling;
import dev.berth.domain.target.Strategy;
import dev.berth.workflow.Next;
import dev.berth.workflow.StepState;
import java.util.Optional;

/**
 * What a renewed lease means at a step boundary (each step start and each look): go on, or stop for a
 * newer push, leaving the service consistent the way the strategy needs (stop where it is, or undo first).
 */
final class StepBoundary {

    private StepBoundary() {}

    static Optional<StepState> stopFor(Renewal renewal, StepState state, Strategy strategy) {
        Optional<String> by = switch (renewal) {
            case Renewal.Held held -> held.stopRequestedBy().map(Claim::deploymentId);
            case Renewal.Lost lost -> Optional.of(lost.owner().map(Claim::deploymentId).orElse("another deployment")
                    + " (this deployment's hold on the service lapsed)");
        };
        if (by.isEmpty()) {
            return Optional.empty();
        }
        if (renewal instanceof Renewal.Held && state.phase() == Phase.ROLLBACK
                && SupersedeHandling.of(strategy) == SupersedeHandling.UNDO) {
            // Undoing is what the newer push waits for (its traffic must be back first): finish it while the hold lasts.
            return Optional.empty();
        }
        String reason = "superseded by " + by.get();
        // A lost lease means another deployment may be changing the service already: never touch it again.
        boolean undo = SupersedeHandling.of(strategy) == SupersedeHandling.UNDO && state.phase() == Phase.FORWARD
                && renewal instanceof Renewal.Held;
        return Optional.of(undo
                ? state.then(Next.ROLL_BACK, DeploymentStatus.SUPERSEDED.name(), reason)
                : state.concluding(DeploymentStatus.SUPERSEDED.name(), reason));
    }
}
