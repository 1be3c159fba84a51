package dev.berth.sandbox.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Answers of the sandbox's own HTTP API under {@code /_berth/}: JSON bodies, and errors as
 * {@code {"error": {"code": ..., "message": ...}}} with a 4xx a person can act on.
 */
public final class ControlResponses {

    private static final String JSON = "application/json";

    private ControlResponses() {}

    public static AwsResponse json(int status, JsonNode body) {
        return AwsResponse.json(status, body.toPrettyString(), JSON);
    }

    public static AwsResponse error(int status, String code, String message) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return json(status, body);
    }

    public static AwsResponse error(ControlRequestException rejection) {
        return error(rejection.status(), rejection.code(), rejection.getMessage());
    }

    /** 405 with the {@code Allow} header listing what the path takes. */
    public static AwsResponse methodNotAllowed(AwsRequest request, String... allowed) {
        AwsResponse error = error(405, "MethodNotAllowed", request.method() + " is not allowed on " + request.path()
                + "; use " + String.join(" or ", allowed));
        return new AwsResponse(405, Map.of("content-type", List.of(JSON), "allow", List.of(String.join(", ", allowed))),
                error.body());
    }

    /** A path segment as the user wrote it: clients may percent-encode {@code :} and {@code @} in references. */
    public static String decoded(String rawPathPart) {
        return URLDecoder.decode(rawPathPart.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
