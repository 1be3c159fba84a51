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
                                     DeploymentSource source, int retryCount) {

    public PrepareRevisionRequest {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }
}
