package dev.berth.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Points a service at a task definition. {@code purpose} is {@code deploy} or {@code rollback};
 * on rollback {@code cause} is the whole workflow state, from which the reason is read.
 */
public record UpdateServiceRequest(String deploymentId, String cluster, String service, String taskDefinitionArn,
                                   String purpose, Optional<JsonNode> cause) {

    public UpdateServiceRequest {
        cause = cause == null ? Optional.empty() : cause;
    }
}
