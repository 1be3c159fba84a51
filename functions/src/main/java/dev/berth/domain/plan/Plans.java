package dev.berth.domain.plan;

import dev.berth.domain.target.Strategy;
import java.util.List;

/**
 * Turns a strategy into the steps that execute it and the steps that undo it: pure data, which the
 * state machine only executes (as Argo Rollouts keeps canary steps in the spec and its reconciler
 * only carries them out). A new strategy is a new case here, not a new state machine.
 */
public final class Plans {

    private Plans() {}

    /** The steps of a deployment with this strategy, in order. */
    public static List<Step> forward(Strategy strategy) {
        return switch (strategy) {
            case Strategy.Rolling rolling -> List.of(new Step("Roll the service out to the new revision",
                    new Action.UpdateService(Revision.NEW), healthy(rolling, Revision.NEW)));
        };
    }

    /** The steps that undo a deployment with this strategy, for this cause. */
    public static List<Step> rollback(Strategy strategy, RollbackCause cause) {
        return switch (strategy) {
            case Strategy.Rolling rolling -> switch (cause) {
                case RollbackCause.Failure f -> List.of(new Step("Roll the service back to the previous revision",
                        new Action.UpdateService(Revision.ROLLBACK), healthy(rolling, Revision.ROLLBACK)));
                case RollbackCause.EcsRollback e -> List.of(new Step("Watch ECS roll the service back",
                        new Action.Watch(), healthy(rolling, Revision.PREVIOUS)));
            };
        };
    }

    /** The steps of {@code phase}; a rollback's steps need their cause. */
    public static List<Step> steps(Strategy strategy, Phase phase, RollbackCause cause) {
        return phase == Phase.FORWARD ? forward(strategy) : rollback(strategy, cause);
    }

    private static Check healthy(Strategy.Rolling rolling, Revision revision) {
        return new Check.RevisionHealthy(revision, rolling.healthDeadline(), rolling.pollInterval(), rolling.failureThreshold(),
                rolling.settlePeriod());
    }
}
