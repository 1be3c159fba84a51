package dev.berth.ports;

import java.util.Map;

/** A registered task definition as a JSON-shaped map, with its resource tags (kept across revisions). */
public record TaskDefinitionDocument(String arn, Map<String, Object> definition, Map<String, String> tags) {

    public TaskDefinitionDocument {
        tags = Map.copyOf(tags);
    }
}
