package dev.berth.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The final word on a deployment: {@code outcome} is a final status name; the reason is given, or
 * read from {@code state} (the workflow state, with the caught {@code error} or the last checks).
 */
public record RecordOutcomeRequest(String deploymentId, String outcome, Optional<String> reason, Optional<JsonNode> state) {

    public RecordOutcomeRequest {
        reason = reason == null ? Optional.empty() : reason;
        state = state == null ? Optional.empty() : state;
    }
}
