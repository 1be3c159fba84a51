package dev.berth.sandbox.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.handlers.TargetDocument;
import dev.berth.json.Json;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Input no ECR event can be, handed to EcrPushFunction as raw bytes: each gets a clear one-line
 * rejection (not an unhandled function error with a stack trace, which EventBridge would retry),
 * and nothing starts or changes. The repository named is followed by a target, so a field read
 * loosely would deploy.
 */
class MalformedEcrEventsTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static LocalBerth berth;
    private static LambdaClient lambda;
    private static String repository;
    private static String cluster;

    @BeforeAll
    static void aTargetFollowsTheRepository() {
        berth = SharedLocalBerth.get();
        lambda = berth.clients().configure(LambdaClient.builder(), "LAMBDA").build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        repository = "malformed/web-" + suffix;
        cluster = "m-" + suffix;
        berth.targets().put(new TargetDocument(berth.pusher().repositoryUri(repository),
                new TargetDocument.TagPolicyDocument("glob", "*"), cluster, "web", List.of(), null).toTarget());
    }

    @AfterAll
    static void close() {
        lambda.close();
    }

    /** A well-formed successful push of the followed repository, with one field replaced by {@code field: value}. */
    private static byte[] pushWith(String field, String valueJson) {
        String detail = """
                "result": "SUCCESS", "repository-name": "%s", "image-digest": "%s", "action-type": "PUSH", "image-tag": "1.0.0"
                """.formatted(repository, DIGEST).strip();
        String event = """
                {"version": "0", "id": "%s", "detail-type": "ECR Image Action", "source": "aws.ecr",
                 "account": "123456789012", "time": "2026-11-02T21:04:56Z", "region": "us-east-1", "resources": [],
                 "detail": {%s}}""".formatted(UUID.randomUUID(), detail);
        JsonNode parsed = readTree(event);
        var target = field.startsWith("detail.") ? (com.fasterxml.jackson.databind.node.ObjectNode) parsed.get("detail")
                : (com.fasterxml.jackson.databind.node.ObjectNode) parsed;
        target.set(field.replaceFirst("^detail\\.", ""), readTree(valueJson));
        return parsed.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> malformed() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("not JSON", "this is not json".getBytes(StandardCharsets.UTF_8), "not a valid"));
        cases.add(Arguments.of("truncated JSON", "{\"detail\": {".getBytes(StandardCharsets.UTF_8), "not a valid"));
        cases.add(Arguments.of("invalid UTF-8", new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                "UTF-8"));
        cases.add(Arguments.of("nested too deep", ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8),
                "nesting depth"));
        cases.add(Arguments.of("a JSON array", "[1, 2]".getBytes(StandardCharsets.UTF_8), "must be a JSON object"));
        cases.add(Arguments.of("a digest that is not sha256 and 64 hex", pushWith("detail.image-digest", "\"sha256:abc\""), "digest"));
        cases.add(Arguments.of("a digest of upper-case hex", pushWith("detail.image-digest", "\"sha256:" + "AB".repeat(32) + "\""), "digest"));
        cases.add(Arguments.of("a digest that is a number", pushWith("detail.image-digest", "42"), "detail.image-digest' must be a string"));
        cases.add(Arguments.of("a tag that is a number", pushWith("detail.image-tag", "1.0"), "detail.image-tag' must be a string"));
        cases.add(Arguments.of("a tag that is an object", pushWith("detail.image-tag", "{\"v\": 1}"), "detail.image-tag' must be a string"));
        cases.add(Arguments.of("a time that is a number", pushWith("time", "1762117496"), "'time' must be a string"));
        cases.add(Arguments.of("a time that is no instant", pushWith("time", "\"yesterday\""), "not an ISO-8601 instant"));
        cases.add(Arguments.of("a repository that is a list", pushWith("detail.repository-name", "[\"a\"]"), "must be a string"));
        cases.add(Arguments.of("an id that is a number", pushWith("id", "7"), "'id' must be a string"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRejectedWithAOneLineReasonAndChangesNothing(String what, byte[] input, String reasonPart) throws Exception {
        int executionsBefore = executions();

        InvokeResponse response = lambda.invoke(r -> r.functionName("EcrPushFunction").payload(SdkBytes.fromByteArray(input)));

        String answer = response.payload().asUtf8String();
        assertThat(response.functionError()).as(answer).isNull();
        JsonNode body = Json.mapper().readTree(answer);
        assertThat(body.path("status").asText()).isEqualTo("rejected");
        assertThat(body.path("reason").asText()).contains(reasonPart).doesNotContain("\n").doesNotContain("\tat ");
        assertThat(executions()).isEqualTo(executionsBefore);
        assertThat(berth.history().forService(cluster, "web", 10)).isEmpty();
    }

    private static int executions() {
        return berth.clients().sfn().listExecutionsPaginator(r -> r.stateMachineArn(
                berth.sandbox().stateMachineArn("DeploymentStateMachine"))).executions().stream().mapToInt(e -> 1).sum();
    }
}
