package dev.berth.sandbox.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Tells which AWS service and action an HTTP request is, the way AWS front ends do. */
public final class RequestClassifier {

    /** {@code X-Amz-Target} prefixes of JSON-protocol services, for calls that arrive unsigned. */
    private static final Map<String, String> TARGET_PREFIXES = Map.ofEntries(
            Map.entry("DynamoDB_20120810", "dynamodb"),
            Map.entry("DynamoDBStreams_20120810", "dynamodb"),
            Map.entry("AmazonEC2ContainerServiceV20141113", "ecs"),
            Map.entry("AmazonEC2ContainerRegistry_V20150921", "ecr"),
            Map.entry("AWSStepFunctions", "states"),
            Map.entry("AWSEvents", "events"),
            Map.entry("AmazonSQS", "sqs"),
            Map.entry("Logs_20140328", "logs"),
            Map.entry("AWSIdentityManagementV20100508", "iam"));

    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=([^,\\s]+)");
    private static final Pattern LAMBDA_INVOKE = Pattern.compile("^/2015-03-31/functions/[^/]+/invocations$");
    private static final String FORM = "application/x-www-form-urlencoded";

    private RequestClassifier() {}

    /**
     * The service's signing name: from the SigV4 credential scope
     * ({@code Credential=AKID/date/region/<service>/aws4_request}, in the header or a presigned
     * query), else the {@code X-Amz-Target} prefix, else {@code lambda} for Lambda's REST paths;
     * empty when none of them tells.
     */
    public static String service(Map<String, List<String>> headers, String rawPath, String rawQuery) {
        Optional<String> scope = first(headers, "authorization")
                .flatMap(RequestClassifier::credentialScopeService)
                .or(() -> FormParameters.of(rawQuery).first("X-Amz-Credential").flatMap(c -> credentialScopeService("Credential=" + c)));
        if (scope.isPresent()) {
            return scope.get();
        }
        Optional<String> target = first(headers, "x-amz-target")
                .map(t -> t.contains(".") ? t.substring(0, t.indexOf('.')) : t)
                .map(TARGET_PREFIXES::get);
        if (target.isPresent()) {
            return target.get();
        }
        return rawPath.startsWith("/2015-03-31/functions") ? "lambda" : "";
    }

    /** The action: the {@code X-Amz-Target} suffix, the query protocol's {@code Action}, or {@code Invoke} for Lambda. */
    public static Optional<String> action(Map<String, List<String>> headers, String rawPath, String rawQuery, byte[] body) {
        Optional<String> target = first(headers, "x-amz-target").filter(t -> t.contains("."))
                .map(t -> t.substring(t.lastIndexOf('.') + 1));
        if (target.isPresent()) {
            return target;
        }
        boolean form = first(headers, "content-type").map(t -> t.toLowerCase(Locale.ROOT).startsWith(FORM)).orElse(false);
        Optional<String> action = form ? FormParameters.of(new String(body, StandardCharsets.UTF_8)).first("Action") : Optional.empty();
        action = action.or(() -> FormParameters.of(rawQuery).first("Action"));
        if (action.isPresent()) {
            return action;
        }
        return LAMBDA_INVOKE.matcher(rawPath).matches() ? Optional.of("Invoke") : Optional.empty();
    }

    private static Optional<String> credentialScopeService(String authorization) {
        var matcher = CREDENTIAL_SCOPE.matcher(authorization);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String[] scope = matcher.group(1).split("/");
        return scope.length >= 5 ? Optional.of(scope[3]) : Optional.empty();
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
