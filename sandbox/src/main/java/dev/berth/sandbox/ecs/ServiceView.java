package dev.berth.sandbox.ecs;

import java.util.List;

/**
 * The data plane's view of a service at one sim instant.
 *
 * @param taskDefinitionArn the primary deployment's task definition (after a rollback, the old one)
 * @param deployments       PRIMARY first, then ACTIVE ones newest first; INACTIVE ones are gone
 * @param events            newest first, at most 100 like ECS
 */
public record ServiceView(ServiceKey key, String serviceArn, int desiredCount, int runningCount, int pendingCount,
                          String taskDefinitionArn, RolloutSettings rollout, List<LoadBalancerBinding> loadBalancers,
                          List<DeploymentView> deployments, List<ServiceEventView> events) {

    public DeploymentView primary() {
        return deployments.getFirst();
    }
}
