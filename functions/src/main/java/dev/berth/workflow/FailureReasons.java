package dev.berth.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;
import java.util.Optional;

/**
 * Reads a human reason out of a caught error: Step Functions puts a Lambda's error JSON in {@code Cause},
 * whose {@code errorMessage} is what the function said.
 */
public final class FailureReasons {

    private FailureReasons() {}

    /** The message of a caught error, if there is one. */
    public static Optional<String> of(CaughtError error) {
        if (!error.isPresent()) {
            return Optional.empty();
        }
        String message = lambdaErrorMessage(error.cause()).orElse(error.cause());
        if (message.isBlank()) {
            return Optional.of(error.error().isBlank() ? "a step failed without saying why" : error.error());
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
}
