package dev.berth.domain.health;

import java.time.Instant;
import java.util.List;

/**
 * Everything observed about a rollout at one moment.
 *
 * @param expectedTaskDefinitionArn the revision this deployment registered and rolled out
 * @param deployments the service's deployments, as DescribeServices lists them
 * @param targetGroups health of every target group the service registers into; empty when it has no load balancer
 */
public record RolloutObservation(
        String expectedTaskDefinitionArn,
        List<EcsDeploymentView> deployments,
        List<TargetGroupHealth> targetGroups,
        Instant observedAt) {

    public RolloutObservation {
        if (expectedTaskDefinitionArn == null || expectedTaskDefinitionArn.isBlank() || observedAt == null) {
            throw new IllegalArgumentException("an observation needs the expected task definition and when it was made");
        }
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
    }
}
