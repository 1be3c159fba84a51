package dev.berth.sandbox.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a {@code PutEvents} call put on buses, as EventBridge hands them to rules and targets:
 * {@code version}, {@code id} (the EventId the bus answered with), {@code detail-type}, {@code source},
 * {@code account}, {@code time} (to the second), {@code region}, {@code resources}, {@code detail}.
 */
final class BusEvents {

    /** An accepted entry: the bus it went to and the event. */
    record Accepted(String eventBusName, ObjectNode event) {}

    private BusEvents() {}

    /**
     * The entries of {@code request} that the answer accepted (those with an EventId), paired by position as
     * PutEvents answers; entries with an error code, or whose detail is not a JSON object, are left out.
     */
    static List<Accepted> accepted(JsonNode request, JsonNode answer, String account, String region, Instant now) {
        List<Accepted> accepted = new ArrayList<>();
        JsonNode entries = request.path("Entries");
        JsonNode results = answer.path("Entries");
        for (int i = 0; i < entries.size() && i < results.size(); i++) {
            JsonNode entry = entries.get(i);
            String id = results.get(i).path("EventId").asText("");
            JsonNode detail = detail(entry.path("Detail").asText(""));
            if (id.isEmpty() || !detail.isObject()) {
                continue;
            }
            ObjectNode event = Json.mapper().createObjectNode()
                    .put("version", "0")
                    .put("id", id)
                    .put("detail-type", entry.path("DetailType").asText())
                    .put("source", entry.path("Source").asText())
                    .put("account", account)
                    .put("time", time(entry.path("Time"), now).toString())
                    .put("region", region);
            ArrayNode resources = event.putArray("resources");
            entry.path("Resources").forEach(resources::add);
            event.set("detail", detail);
            accepted.add(new Accepted(busName(entry.path("EventBusName").asText("")), event));
        }
        return accepted;
    }

    /** A bus named by name or ARN; none means {@code default}. */
    static String busName(String nameOrArn) {
        if (nameOrArn.isBlank()) {
            return "default";
        }
        int at = nameOrArn.lastIndexOf("event-bus/");
        return nameOrArn.startsWith("arn:") && at >= 0 ? nameOrArn.substring(at + "event-bus/".length()) : nameOrArn;
    }

    private static JsonNode detail(String text) {
        try {
            JsonNode detail = Json.mapper().readTree(text);
            return detail == null ? Json.mapper().missingNode() : detail;
        } catch (IOException e) {
            return Json.mapper().missingNode();
        }
    }

    /** The SDKs send {@code Time} as epoch seconds; a missing or unreadable one is the time the bus got it. */
    private static Instant time(JsonNode time, Instant now) {
        Instant instant = now;
        if (time.isNumber()) {
            instant = Instant.ofEpochMilli(time.decimalValue().multiply(BigDecimal.valueOf(1000)).longValue());
        } else if (time.isTextual()) {
            try {
                instant = Instant.parse(time.asText());
            } catch (DateTimeParseException e) {
                instant = now;
            }
        }
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
