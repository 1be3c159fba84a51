package dev.berth.workflow;

import java.util.List;

/**
 * Prepares the revisions once the service is ours: registers the new one from the pushed image (or
 * takes the given one), and pins the rollback revision.
 *
 * @param retryCount Step Functions' {@code $$.State.RetryCount}: above 0, an earlier attempt may have
 *                   registered the revision already, and it is reused rather than registered twice
 */
public record PrepareRevisionRequest(String deploymentId, String cluster, String service, List<String> containers,
                                     DeploymentSource source, int retryCount, StrategySettings strategy) {

    public PrepareRevisionRequest {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    /** For a rolling deployment (an execution started before the strategy was passed to this step is one). */
    public PrepareRevisionRequest(String deploymentId, String cluster, String service, List<String> containers,
                                  DeploymentSource source, int retryCount) {
        this(deploymentId, cluster, service, containers, source, retryCount, null);
    }

    /** The deployment's strategy; rolling when the request does not say. */
    public dev.berth.domain.target.Strategy strategyOrRolling() {
        return strategy == null ? new dev.berth.domain.target.Strategy.Rolling(java.time.Duration.ofMinutes(10),
                java.time.Duration.ofSeconds(15)) : strategy.strategy();
    }
}
