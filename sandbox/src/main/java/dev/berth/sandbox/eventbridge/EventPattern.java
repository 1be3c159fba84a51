package dev.berth.sandbox.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;

/**
 * An EventBridge event pattern, matched the way EventBridge's content filtering does: exact values
 * (numbers by value), lists as any-of, arrays in the event matching when any element does, nested
 * objects, {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code wildcard},
 * {@code anything-but}, {@code exists}, {@code numeric} and {@code $or}. Pure: no I/O, no state.
 * Built with {@link #parse}, which rejects an invalid pattern with an {@link IllegalArgumentException}
 * saying where and why.
 */
public final class EventPattern {

    private final JsonNode source;
    private final PatternNode.Fields root;

    private EventPattern(JsonNode source, PatternNode.Fields root) {
        this.source = source;
        this.root = root;
    }

    /** Parses a pattern's JSON text. */
    public static EventPattern parse(String json) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event pattern must be JSON: " + e.getOriginalMessage(), e);
        }
        return of(tree);
    }

    public static EventPattern of(JsonNode pattern) {
        return new EventPattern(pattern.deepCopy(), PatternParser.parse(pattern));
    }

    /** Whether the event (a whole EventBridge event: source, detail-type, detail...) matches. */
    public boolean matches(JsonNode event) {
        return event != null && event.isObject() && root.matches(event);
    }

    /** The pattern as JSON. */
    @Override
    public String toString() {
        return source.toString();
    }
}
