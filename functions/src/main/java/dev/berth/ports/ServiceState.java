package dev.berth.ports;

import dev.berth.domain.health.EcsDeploymentView;
import java.util.List;
import java.util.Optional;

/**
 * An ECS service as Berth needs it: what it runs, its deployments, the target groups it registers
 * into, whether ECS's deployment circuit breaker rolls it back by itself, its status (ACTIVE, DRAINING)
 * and its deployment controller ({@code ECS}, {@code CODE_DEPLOY}, {@code EXTERNAL}; empty when ECS did not say).
 */
public record ServiceState(String clusterArn, String serviceArn, String serviceName, String taskDefinitionArn,
                           int desiredCount, List<EcsDeploymentView> deployments, List<String> targetGroupArns,
                           boolean circuitBreakerRollback, String status, Optional<String> deploymentController) {

    public ServiceState {
        deployments = List.copyOf(deployments);
        targetGroupArns = List.copyOf(targetGroupArns);
        status = status == null ? "ACTIVE" : status; // ECS always says; a missing one is taken as it usually is
        deploymentController = deploymentController == null ? Optional.empty() : deploymentController;
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
