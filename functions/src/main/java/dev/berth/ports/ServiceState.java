package dev.berth.ports;

import dev.berth.domain.health.EcsDeploymentView;
import java.util.List;
import java.util.Optional;

/**
 * An ECS service as Berth needs it: what it runs, its deployments, the target groups it registers
 * into, and whether ECS's deployment circuit breaker rolls it back by itself.
 */
public record ServiceState(String clusterArn, String serviceArn, String serviceName, String taskDefinitionArn,
                           int desiredCount, List<EcsDeploymentView> deployments, List<String> targetGroupArns,
                           boolean circuitBreakerRollback) {

    public ServiceState {
        deployments = List.copyOf(deployments);
        targetGroupArns = List.copyOf(targetGroupArns);
    }

    /**
     * The task definition that was serving before anything Berth does now: the last deployment ECS
     * completed, else what the service is set to. Not "revision - 1": that one may itself have failed.
     */
    public String servingTaskDefinitionArn() {
        Optional<EcsDeploymentView> completed = deployments.stream()
                .filter(d -> d.rolloutState().filter("COMPLETED"::equals).isPresent())
                .findFirst();
        return completed.map(EcsDeploymentView::taskDefinitionArn).orElse(taskDefinitionArn);
    }
}
