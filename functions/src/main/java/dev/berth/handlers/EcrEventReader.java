package dev.berth.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.domain.InvalidInputException;
import dev.berth.domain.trigger.EcrImageAction;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an "ECR Image Action" event's JSON strictly: a field of the wrong type (a number for the tag,
 * an object for the digest) is rejected, never dropped or replaced by a default, because ECR never
 * sends one and deploying a guess is worse than deploying nothing. Absent optional fields stay absent.
 */
final class EcrEventReader {

    private EcrEventReader() {}

    static EcrImageAction read(JsonNode event) {
        if (!event.isObject()) {
            throw new InvalidInputException("event must be a JSON object, not " + kind(event));
        }
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            throw new InvalidInputException("event has no 'detail' object");
        }
        String id = text(event, "id", "id").orElseThrow(() -> new InvalidInputException(
                "event has no 'id': Berth needs it to recognise a redelivered event"));
        return new EcrImageAction(id, text(event, "source", "source").orElse(""),
                text(event, "detail-type", "detail-type").orElse(""), text(event, "account", "account").orElse(""),
                text(event, "region", "region").orElse(""), time(event).orElse(null),
                text(detail, "action-type", "detail.action-type").orElse(""),
                text(detail, "result", "detail.result").orElse(""),
                text(detail, "repository-name", "detail.repository-name").orElse(""),
                text(detail, "image-tag", "detail.image-tag"), text(detail, "image-digest", "detail.image-digest"));
    }

    private static Optional<Instant> time(JsonNode event) {
        return text(event, "time", "time").map(t -> {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("event time '" + t + "' is not an ISO-8601 instant");
            }
        });
    }

    /** The field as text; absent or null is empty; present with another type is an error naming it. */
    private static Optional<String> text(JsonNode node, String field, String shown) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidInputException("event field '" + shown + "' must be a string, not " + kind(value));
        }
        return Optional.of(value.asText()).filter(text -> !text.isBlank());
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "nothing";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
