package dev.berth.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;
import java.util.Optional;

/**
 * Reads a human reason out of the workflow state: a caught error (Step Functions puts the Lambda's
 * {@code errorMessage} JSON in {@code Cause}) or the last health verdict.
 */
public final class FailureReasons {

    private FailureReasons() {}

    /** The message of the error a Catch stored at {@code $.error}, if any. */
    public static Optional<String> caughtError(JsonNode state) {
        JsonNode error = state.path("error");
        if (error.isMissingNode() || error.isNull()) {
            return Optional.empty();
        }
        String name = error.path("Error").asText("");
        String cause = error.path("Cause").asText("");
        String message = lambdaErrorMessage(cause).orElse(cause);
        if (message.isBlank()) {
            return Optional.of(name.isBlank() ? "a step failed without saying why" : name);
        }
        return Optional.of(message);
    }

    private static Optional<String> lambdaErrorMessage(String cause) {
        if (!cause.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode parsed = Json.mapper().readTree(cause);
            return Optional.of(parsed.path("errorMessage").asText("")).filter(m -> !m.isBlank());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Why a deployment is being rolled back. */
    public static String whyRollBack(JsonNode state) {
        return caughtError(state)
                .or(() -> verdict(state, "check").filter(v -> v.verdict().equals("UNHEALTHY")).map(CheckResult::summary))
                .orElse("rollback requested");
    }

    /** Why a deployment ends FAILED: a caught error, or a rollback that never became healthy. */
    public static Optional<String> whyFailed(JsonNode state) {
        return caughtError(state)
                .or(() -> verdict(state, "rollbackCheck").filter(v -> v.verdict().equals("UNHEALTHY"))
                        .map(v -> "rollback did not become healthy: " + v.summary()));
    }

    private static Optional<CheckResult> verdict(JsonNode state, String field) {
        JsonNode node = state.path(field);
        if (!node.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new CheckResult(node.path("verdict").asText("NONE"), node.path("summary").asText(""), Optional.empty()));
    }
}
