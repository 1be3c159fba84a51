package dev.berth.sandbox.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.sandbox.gateway.AwsRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON-protocol call the data plane itself makes to the emulator (PutEvents, ECR DescribeImages),
 * signed-looking enough for moto to route it by the credential scope's service and to scope it to a
 * region and account.
 */
final class EmulatorCall {

    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private EmulatorCall() {}

    /**
     * @param signingName the service in the credential scope ({@code events}, {@code ecr}): moto routes by it
     * @param target      the {@code X-Amz-Target}, e.g. {@code AWSEvents.PutEvents}
     * @param account     moto reads the account from {@code x-moto-account-id}
     */
    static AwsRequest json11(String signingName, String target, String region, String account, ObjectNode body) {
        // Real time in the scope, not sim time: the emulator treats it as a signature date only.
        Instant now = Instant.now();
        String authorization = "AWS4-HMAC-SHA256 Credential=test/" + SCOPE_DATE.format(now) + "/" + region + "/"
                + signingName + "/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0";
        Map<String, List<String>> headers = Map.of(
                "content-type", List.of("application/x-amz-json-1.1"),
                "x-amz-target", List.of(target),
                "x-amz-date", List.of(AMZ_DATE.format(now)),
                "authorization", List.of(authorization),
                "x-moto-account-id", List.of(account));
        return new AwsRequest("POST", "/", "", headers, body.toString().getBytes(StandardCharsets.UTF_8), signingName,
                Optional.of(target.substring(target.indexOf('.') + 1)));
    }
}
