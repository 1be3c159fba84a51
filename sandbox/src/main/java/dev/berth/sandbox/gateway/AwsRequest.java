package dev.berth.sandbox.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS API call as it reached the sandbox's front endpoint.
 *
 * @param service the signing name of the service (from the SigV4 credential scope, e.g. {@code ecs},
 *                {@code elasticloadbalancing}, {@code dynamodb}, {@code lambda}, {@code states}), or
 *                derived from {@code X-Amz-Target} when unsigned; empty when unknown
 * @param action  the API action: the part after the dot of {@code X-Amz-Target} for JSON protocols,
 *                the {@code Action} form field for query protocols; empty for REST protocols
 * @param headers header names in lower case
 */
public record AwsRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                         byte[] body, String service, Optional<String> action) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
