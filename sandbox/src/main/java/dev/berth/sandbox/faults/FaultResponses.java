package dev.berth.sandbox.faults;

import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An AWS error in the wire format of the protocol the failed call used, so the SDK that made it parses
 * the error code and message as that service's error: the JSON protocols' {@code __type} (DynamoDB,
 * ECS, Step Functions, EventBridge, ECR), the query protocol's XML {@code ErrorResponse} (ELBv2, IAM,
 * STS), EC2's XML {@code Response}, and REST-JSON's {@code x-amzn-ErrorType} header (Lambda).
 */
public final class FaultResponses {

    private static final Map<String, String> QUERY_NAMESPACES = Map.of(
            "elasticloadbalancing", "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
            "iam", "https://iam.amazonaws.com/doc/2010-05-08/",
            "sts", "https://sts.amazonaws.com/doc/2011-06-15/");

    private FaultResponses() {}

    /** The error {@code code} with {@code message} at {@code status}, in the wire format {@code call} used. */
    public static AwsResponse of(AwsRequest call, int status, String code, String message, String requestId) {
        if (call.header("x-amz-target").isPresent()) {
            // AWS JSON 1.0 / 1.1: the client sent its protocol's content type; the error comes back in it.
            String contentType = call.header("content-type").orElse("application/x-amz-json-1.0");
            String body = Json.mapper().createObjectNode().put("__type", code).put("message", message).toString();
            return response(status, contentType, body, Map.of("x-amzn-errortype", code, "x-amzn-requestid", requestId));
        }
        if (call.service().equals("ec2")) {
            return response(status, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>"
                    + xml(code) + "</Code><Message>" + xml(message) + "</Message></Error></Errors><RequestID>" + requestId
                    + "</RequestID></Response>", Map.of());
        }
        if (isQueryProtocol(call)) {
            String namespace = QUERY_NAMESPACES.getOrDefault(call.service(), "https://" + call.service() + ".amazonaws.com/doc/");
            return response(status, "text/xml", "<ErrorResponse xmlns=\"" + namespace + "\"><Error><Type>"
                    + (status < 500 ? "Sender" : "Receiver") + "</Type><Code>" + xml(code) + "</Code><Message>"
                    + xml(message) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>",
                    Map.of("x-amzn-requestid", requestId));
        }
        // REST-JSON (Lambda and most newer services): the code in the header, the message in the body.
        String body = Json.mapper().createObjectNode().put("message", message).put("Type", status < 500 ? "User" : "Service")
                .toString();
        return response(status, "application/json", body, Map.of("x-amzn-errortype", code, "x-amzn-requestid", requestId));
    }

    private static boolean isQueryProtocol(AwsRequest call) {
        boolean form = call.header("content-type")
                .map(type -> type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")).orElse(false);
        return call.action().isPresent() && (form || call.rawQuery().contains("Action="));
    }

    private static AwsResponse response(int status, String contentType, String body, Map<String, String> extra) {
        var headers = new java.util.HashMap<String, List<String>>();
        headers.put("content-type", List.of(contentType));
        extra.forEach((name, value) -> headers.put(name, List.of(value)));
        return new AwsResponse(status, Map.copyOf(headers), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
