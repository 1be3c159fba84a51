package dev.berth.sandbox.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.logging.LogFile;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How EventBridge hands an event to a rule's Lambda target: an asynchronous Invoke (Lambda answers
 * 202 and runs the function itself, retrying function errors). Only when Lambda does not accept the
 * event does EventBridge retry (throttling and server errors, within the rule's RetryPolicy, backing
 * off), and then put the event in the rule's dead-letter queue with the reason.
 */
final class TargetDelivery {

    private final Interceptor lambda;
    private final DeadLetters deadLetters;
    private final Duration firstRetryDelay;
    private final LogFile log;

    TargetDelivery(Interceptor lambda, DeadLetters deadLetters, Duration firstRetryDelay, LogFile log) {
        this.lambda = lambda;
        this.deadLetters = deadLetters;
        this.firstRetryDelay = firstRetryDelay;
        this.log = log;
    }

    /** Delivers the event to the rule's function; true when Lambda accepted it. Blocks while retrying. */
    boolean deliver(EventRule rule, ObjectNode event, Instant received) throws InterruptedException {
        byte[] payload = event.toString().getBytes(StandardCharsets.UTF_8);
        String id = event.path("id").asText();
        for (int attempt = 1; ; attempt++) {
            AwsResponse answer = invoke(rule, payload);
            if (answer.status() == 202) {
                log.line(rule.name() + " delivered event " + id + " to " + rule.functionName());
                return true;
            }
            String error = answer.headers().getOrDefault("x-amzn-errortype", List.of("HTTP " + answer.status())).getFirst();
            boolean retryable = answer.status() == 429 || answer.status() >= 500;
            Duration delay = firstRetryDelay.multipliedBy(1L << Math.min(attempt - 1, 5));
            boolean young = Duration.between(received, Instant.now()).plus(delay)
                    .compareTo(Duration.ofSeconds(rule.retryPolicy().maximumEventAgeSeconds())) <= 0;
            if (retryable && attempt <= rule.retryPolicy().maximumRetryAttempts() && young) {
                log.line(rule.name() + " could not deliver event " + id + " (" + error + "); retrying in " + delay.toMillis() + " ms");
                Thread.sleep(delay);
                continue;
            }
            giveUp(rule, event, error, message(answer));
            return false;
        }
    }

    private AwsResponse invoke(EventRule rule, byte[] payload) {
        var request = new AwsRequest("POST", "/2015-03-31/functions/" + URLEncoder.encode(rule.functionArn(), StandardCharsets.UTF_8)
                + "/invocations", "", Map.of("x-amz-invocation-type", List.of("Event"), "content-type", List.of("application/json")),
                payload, "lambda", Optional.of("Invoke"));
        try {
            return lambda.handle(request, unused -> {
                throw new IOException("the sandbox's Lambda endpoint passed an Invoke on");
            }).orElseGet(() -> AwsResponse.json(404, "{\"Message\":\"no Lambda endpoint answered\"}", "application/json"));
        } catch (IOException | RuntimeException e) {
            return new AwsResponse(500, Map.of("x-amzn-errortype", List.of("ServiceException")),
                    String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void giveUp(EventRule rule, ObjectNode event, String error, String message) {
        String id = event.path("id").asText();
        if (rule.deadLetterQueueArn().isEmpty()) {
            log.line(rule.name() + " dropped event " + id + ": " + error + " " + message);
            return;
        }
        String queue = rule.deadLetterQueueArn().get();
        try {
            deadLetters.send(queue, event.toString(), Map.of("RULE_ARN", rule.arn(), "TARGET_ARN", rule.functionArn(),
                    "ERROR_CODE", error, "ERROR_MESSAGE", message));
            log.line(rule.name() + " put event " + id + " in its dead-letter queue " + queue + ": " + error);
        } catch (Exception e) {
            log.line(rule.name() + " dropped event " + id + " (" + error + "): its dead-letter queue " + queue + " failed: " + e);
        }
    }

    private static String message(AwsResponse answer) {
        try {
            JsonNode body = Json.mapper().readTree(answer.body());
            return body == null ? "" : body.path("Message").asText(body.path("message").asText(answer.bodyText()));
        } catch (IOException e) {
            return answer.bodyText();
        }
    }
}
