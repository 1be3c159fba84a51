package dev.berth.sandbox.eventbridge;

import static dev.berth.sandbox.eventbridge.PlainSdk.eventually;
import static dev.berth.sandbox.eventbridge.PlainSdk.invocations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.sandbox.Sandbox;
import dev.berth.sandbox.SharedSandbox;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * PutEvents through the sandbox's endpoint reach the functions whose {@code EventBridgeRule} matches,
 * asynchronously, as in AWS: with Lambda's retries and on-failure destination, at least once when
 * asked. The test stack's HeardFunction and FailOnEventsFunction listen to source {@code berth.test}.
 * AWS SDK and plain HTTP only.
 */
@ExtendWith(SharedSandbox.class)
class EventBusDeliveryTest {

    private static URI endpoint;
    private static EventBridgeClient events;
    private static SqsClient sqs;

    @BeforeAll
    static void clients(Sandbox sandbox) {
        endpoint = sandbox.endpoint();
        events = PlainSdk.client(EventBridgeClient.builder(), endpoint);
        sqs = PlainSdk.client(SqsClient.builder(), endpoint);
    }

    @AfterAll
    static void close() {
        events.close();
        sqs.close();
    }

    @Test
    void aMatchingEventInvokesItsFunctionAfterPutEventsHasAnswered() throws Exception {
        long before = invocations(endpoint, "HeardFunction");

        PutEventsResponse put = put("Heard", "{\"message\": \"hello\"}");

        assertThat(put.failedEntryCount()).isZero();
        assertThat(eventually(() -> invocations(endpoint, "HeardFunction") == before + 1)).isTrue();
    }

    @Test
    void anEventMatchingNoRuleInvokesNothing() throws Exception {
        JsonNode before = PlainSdk.get(endpoint, "/_berth/info");

        put("Nobody listens", "{}");
        put("Fail on purpose", "{\"attempt\": 0}"); // FailOnEventsFunction's rule wants attempt > 0

        JsonNode after = PlainSdk.get(endpoint, "/_berth/info");
        // Rules are matched before PutEvents answers; only the invocations are asynchronous.
        assertThat(after.at("/eventbridge/unmatchedEvents").asLong()).isEqualTo(before.at("/eventbridge/unmatchedEvents").asLong() + 2);
        assertThat(after.at("/eventbridge/deliveries").asLong()).isEqualTo(before.at("/eventbridge/deliveries").asLong());
        Thread.sleep(200);
        assertThat(PlainSdk.get(endpoint, "/_berth/info").path("invocations")).isEqualTo(before.path("invocations"));
    }

    @Test
    void aFailingFunctionIsRetriedThenItsOnFailureRecordLandsInItsQueue() throws Exception {
        String queue = sqs.getQueueUrl(b -> b.queueName("FailuresQueue")).queueUrl();
        String marker = UUID.randomUUID().toString();
        long before = invocations(endpoint, "FailOnEventsFunction");

        PutEventsResponse put = put("Fail on purpose", "{\"attempt\": 1, \"marker\": \"" + marker + "\"}");

        JsonNode record = recordOf(queue, marker);
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        assertThat(record.path("timestamp").asText()).isNotBlank();
        assertThat(record.path("requestContext")).isEqualTo(PlainSdk.json("""
                {"requestId": "%s", "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:FailOnEventsFunction:$LATEST",
                 "condition": "RetriesExhausted", "approximateInvokeCount": 2}"""
                .formatted(record.at("/requestContext/requestId").asText())));
        assertThat(record.at("/requestPayload/id").asText()).isEqualTo(put.entries().getFirst().eventId());
        assertThat(record.at("/requestPayload/source").asText()).isEqualTo("berth.test");
        assertThat(record.at("/requestPayload/detail-type").asText()).isEqualTo("Fail on purpose");
        assertThat(record.path("responseContext")).isEqualTo(PlainSdk.json(
                "{\"statusCode\": 200, \"executedVersion\": \"$LATEST\", \"functionError\": \"Unhandled\"}"));
        assertThat(record.at("/responsePayload/errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(record.at("/responsePayload/errorMessage").asText()).isEqualTo("boom");
        // MaximumRetryAttempts: 1, so the first attempt and one retry.
        assertThat(invocations(endpoint, "FailOnEventsFunction")).isEqualTo(before + 2);
    }

    @Test
    void atLeastOnceDeliveryDuplicatesTheSameEventsForTheSameSeed() throws Exception {
        try {
            long first = duplicatesOfTenEvents();
            long second = duplicatesOfTenEvents();

            assertThat(first).isBetween(1L, 9L);
            assertThat(second).as("the same seed, the same duplicates").isEqualTo(first);
        } finally {
            assertThat(PlainSdk.put(endpoint, "/_berth/eventbridge", "{\"duplicateDeliveryRatio\": 0}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theTemplatesQueuesAreThere() {
        assertThat(sqs.getQueueUrl(b -> b.queueName("PushFailuresQueue")).queueUrl()).endsWith("/123456789012/PushFailuresQueue");
        assertThat(sqs.getQueueUrl(b -> b.queueName("FailuresQueue")).queueUrl()).endsWith("/123456789012/FailuresQueue");
    }

    @Test
    void badEventBridgeSettingsAreRefusedSayingWhy() throws Exception {
        assertRefused("{\"duplicateDeliveryRatio\": 1.5}", "between 0 and 1");
        assertRefused("{\"duplicateDeliveryRatio\": \"half\"}", "must be a number");
        assertRefused("{\"ratio\": 0.5}", "unknown setting 'ratio'");
        assertRefused("{\"seed\": 1.5}", "whole number");
        assertRefused("not json", "JSON object");
        JsonNode settings = PlainSdk.get(endpoint, "/_berth/eventbridge");
        assertThat(settings.path("duplicateDeliveryRatio").asDouble()).isZero();
        assertThat(settings.path("rules")).anySatisfy(rule -> {
            assertThat(rule.path("name").asText()).isEqualTo("EcrPushFunctionEcrImageAction");
            assertThat(rule.path("target").asText()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:EcrPushFunction");
        });
    }

    /** Ten Heard events at ratio 0.5 from seed 42: how many were delivered twice (and all were, as many times as said). */
    private static long duplicatesOfTenEvents() throws Exception {
        HttpResponse<String> set = PlainSdk.put(endpoint, "/_berth/eventbridge", "{\"duplicateDeliveryRatio\": 0.5, \"seed\": 42}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        long invocationsBefore = invocations(endpoint, "HeardFunction");
        long duplicatesBefore = PlainSdk.get(endpoint, "/_berth/eventbridge").path("duplicateDeliveries").asLong();
        for (int i = 0; i < 10; i++) {
            put("Heard", "{\"n\": " + i + "}");
        }
        long duplicates = PlainSdk.get(endpoint, "/_berth/eventbridge").path("duplicateDeliveries").asLong() - duplicatesBefore;
        assertThat(eventually(() -> invocations(endpoint, "HeardFunction") == invocationsBefore + 10 + duplicates))
                .as("HeardFunction invoked once per event plus once per duplicate").isTrue();
        return duplicates;
    }

    private static void assertRefused(String body, String why) throws Exception {
        HttpResponse<String> response = PlainSdk.put(endpoint, "/_berth/eventbridge", body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(why);
    }

    private static PutEventsResponse put(String detailType, String detail) {
        return events.putEvents(b -> b.entries(e -> e.source("berth.test").detailType(detailType).detail(detail)));
    }

    private static JsonNode recordOf(String queue, String marker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                JsonNode record = PlainSdk.json(message.body());
                if (record.at("/requestPayload/detail/marker").asText().equals(marker)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no on-failure record for " + marker + " in " + queue);
    }
}
