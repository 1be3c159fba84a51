package dev.berth.sandbox.ecr;

import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** ECR's errors as its JSON 1.1 protocol returns them: HTTP 400, {@code __type} and {@code message}. */
final class EcrErrors {

    private EcrErrors() {}

    static AwsResponse error(String type, String message) {
        String body = Json.mapper().createObjectNode().put("__type", type).put("message", message).toString();
        return new AwsResponse(400, Map.of("content-type", List.of("application/x-amz-json-1.1"),
                "x-amzn-errortype", List.of(type)), body.getBytes(StandardCharsets.UTF_8));
    }

    static AwsResponse invalidParameter(String message) {
        return error("InvalidParameterException", message);
    }
}
