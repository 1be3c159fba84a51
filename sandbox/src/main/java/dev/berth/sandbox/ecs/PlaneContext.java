package dev.berth.sandbox.ecs;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every simulated service shares: ids, timings, the scenario, the target groups' attributes, and where
 * deployment events go.
 */
record PlaneContext(IdSource ids, DataPlaneTimings timings, Scenario scenario, TargetGroupSettings targetGroups,
                    Consumer<EcsDeploymentEvent> deploymentEvents) {

    /** How long {@code task}'s targets drain once it is told to stop. */
    Duration drainTime(SimTask task) {
        return targetGroups.drainTime(task.bindings, timings.deregistrationDelay());
    }
}
