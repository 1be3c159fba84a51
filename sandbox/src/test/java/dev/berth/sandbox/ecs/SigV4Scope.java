package dev.berth.sandbox.ecs;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential scope of a SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecs/aws4_request, SignedHeaders=..., Signature=...}.
 * The fourth part is the service's signing name ({@code ecs}, {@code elasticloadbalancing} for ELBv2,
 * {@code events} for EventBridge), which is how a gateway tells services apart.
 */
record SigV4Scope(String accessKey, String date, String region, String signingName) {

    private static final Pattern CREDENTIAL =
            Pattern.compile("Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request");

    static Optional<SigV4Scope> parse(String authorization) {
        Matcher matcher = CREDENTIAL.matcher(authorization);
        return matcher.find()
                ? Optional.of(new SigV4Scope(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)))
                : Optional.empty();
    }
}
