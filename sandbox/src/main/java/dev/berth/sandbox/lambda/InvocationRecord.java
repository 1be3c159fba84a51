package dev.berth.sandbox.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The record Lambda sends to a destination after an asynchronous invocation, in its documented shape:
 * {@code version}, {@code timestamp}, {@code requestContext} (request id, the function's {@code $LATEST}
 * ARN, the condition, the approximate invoke count), {@code requestPayload}, {@code responseContext}
 * and {@code responsePayload}.
 */
final class InvocationRecord {

    /** Why the record was sent. */
    enum Condition { Success, RetriesExhausted, EventAgeExceeded }

    private InvocationRecord() {}

    static String json(String requestId, String functionArn, Condition condition, int invokeCount, byte[] requestPayload,
                       Optional<String> functionError, byte[] responsePayload, Instant now) {
        ObjectNode record = Json.mapper().createObjectNode()
                .put("version", "1.0")
                .put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        record.putObject("requestContext")
                .put("requestId", requestId)
                .put("functionArn", functionArn + ":$LATEST")
                .put("condition", condition.name())
                .put("approximateInvokeCount", invokeCount);
        record.set("requestPayload", parsed(requestPayload));
        ObjectNode response = record.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST");
        functionError.ifPresent(error -> response.put("functionError", error));
        record.set("responsePayload", parsed(responsePayload));
        return record.toString();
    }

    /** The payload as JSON when it is JSON, else as a string, as Lambda does. */
    private static JsonNode parsed(byte[] payload) {
        try {
            JsonNode node = Json.mapper().readTree(payload);
            return node == null ? TextNode.valueOf("") : node;
        } catch (IOException e) {
            return TextNode.valueOf(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
