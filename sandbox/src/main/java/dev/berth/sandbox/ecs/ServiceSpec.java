package dev.berth.sandbox.ecs;

import java.util.List;

/** A service as created in the control plane: everything the data plane needs to run it. */
public record ServiceSpec(ServiceKey key, String serviceArn, int desiredCount, TaskDefinitionInfo taskDefinition,
                          List<LoadBalancerBinding> loadBalancers, RolloutSettings rollout, String launchType) {

    public ServiceSpec {
        if (desiredCount < 0) {
            throw new IllegalArgumentException("desiredCount must not be negative: " + desiredCount);
        }
        loadBalancers = List.copyOf(loadBalancers);
    }
}
