package dev.berth.sandbox.ecs;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An UpdateService as the data plane sees it. A new task definition, new load balancers or
 * {@code forceNewDeployment} start a deployment; a desired count alone only scales the primary one.
 */
public record ServiceUpdate(OptionalInt desiredCount, Optional<TaskDefinitionInfo> taskDefinition,
                            boolean forceNewDeployment, Optional<RolloutSettings> rollout,
                            Optional<List<LoadBalancerBinding>> loadBalancers) {

    public static ServiceUpdate scaleTo(int desiredCount) {
        return new ServiceUpdate(OptionalInt.of(desiredCount), Optional.empty(), false, Optional.empty(),
                Optional.empty());
    }

    public static ServiceUpdate deploy(TaskDefinitionInfo taskDefinition) {
        return new ServiceUpdate(OptionalInt.empty(), Optional.of(taskDefinition), false, Optional.empty(),
                Optional.empty());
    }

    /** {@code forceNewDeployment} with nothing else: the same task definition, fresh tasks. */
    public static ServiceUpdate redeploy() {
        return new ServiceUpdate(OptionalInt.empty(), Optional.empty(), true, Optional.empty(), Optional.empty());
    }
}
