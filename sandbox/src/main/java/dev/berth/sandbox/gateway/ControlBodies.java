package dev.berth.sandbox.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the JSON body of a request to the sandbox's own HTTP API: one object of known fields, or a 400 saying why. */
public final class ControlBodies {

    private ControlBodies() {}

    /**
     * The body as a JSON object with no fields but {@code fields}.
     *
     * @param example an object of the expected kind, for the message when the body is some other JSON
     */
    public static ObjectNode object(byte[] body, Set<String> fields, String example) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw ControlRequestException.badRequest("MalformedJson", "the body is not JSON: " + firstLine(e));
        }
        if (!(json instanceof ObjectNode object)) {
            throw ControlRequestException.badRequest("InvalidRequest", "the body must be a JSON object such as " + example);
        }
        List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw ControlRequestException.badRequest("InvalidRequest",
                    "unknown field(s) " + unknown + "; the fields are " + fields.stream().sorted().toList());
        }
        return object;
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
