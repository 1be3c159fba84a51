package dev.berth.sandbox.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One answer from the sandbox to an AWS API call; header names in lower case. */
public record AwsResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public static AwsResponse json(int status, String body, String contentType) {
        return new AwsResponse(status, Map.of("content-type", List.of(contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    public static AwsResponse xml(int status, String body) {
        return new AwsResponse(status, Map.of("content-type", List.of("text/xml")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
