package dev.berth.sandbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.handlers.EcrPushHandler;
import dev.berth.handlers.JsonStreamHandler;
import dev.berth.handlers.ObserveStepHandler;
import dev.berth.json.Json;
import dev.berth.sandbox.Sandbox;
import dev.berth.sandbox.SharedLocalBerth;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * SnapStart's path on Berth's own template in the sandbox: a handler built from its function's environment
 * (as Lambda builds it in the init phase) runs its priming hooks, which reach nothing, and then answers a
 * real request against the sandbox's AWS. And the function invoked by its alias, as the state machine does.
 */
class PrimedHandlerTest {

    private static Sandbox sandbox;

    @BeforeAll
    static void sandbox() {
        sandbox = SharedLocalBerth.get().sandbox();
    }

    private static String unfollowedPush(String eventId) {
        return """
                {"version": "0", "id": "%s", "detail-type": "ECR Image Action", "source": "aws.ecr",
                 "account": "123456789012", "time": "2026-12-03T12:00:00Z", "region": "%s", "resources": [],
                 "detail": {"result": "SUCCESS", "repository-name": "primed/nobody-follows", "action-type": "PUSH",
                            "image-digest": "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd7d2b1b4a",
                            "image-tag": "v1"}}""".formatted(eventId, sandbox.region());
    }

    private static <H extends JsonStreamHandler<?, ?>> H primed(String function, Function<Map<String, String>, H> make)
            throws Exception {
        H handler = make.apply(sandbox.lambdaEndpoint().function(function).orElseThrow().environment());
        Map<String, Long> before = sandbox.gateway().callCounts();
        handler.priming().beforeCheckpoint(null);
        handler.priming().afterRestore(null);
        Map<String, Long> after = sandbox.gateway().callCounts();
        // What these functions would call first: priming built their clients but sent none of it.
        for (String call : new String[] {"dynamodb.Query", "dynamodb.GetItem", "dynamodb.PutItem", "states.StartExecution",
                "ecs.DescribeServices"}) {
            assertThat(after.getOrDefault(call, 0L)).as(call + " while priming " + function).isEqualTo(before.getOrDefault(call, 0L));
        }
        return handler;
    }

    @Test
    void aPrimedEcrPushHandlerAnswersAPushNobodyFollowsFromTheTargetsTable() throws Exception {
        EcrPushHandler handler = primed("EcrPushFunction", EcrPushHandler::new);
        long queries = sandbox.gateway().callCounts().getOrDefault("dynamodb.Query", 0L);

        JsonNode answer = invoke(handler, unfollowedPush("primed-1"));

        assertThat(answer.path("status").asText()).isEqualTo("ignored");
        assertThat(answer.path("reason").asText()).startsWith("no target follows ")
                .contains(".dkr.ecr." + sandbox.region() + ".amazonaws.com/primed/nobody-follows:v1");
        assertThat(answer.path("deployments")).isEmpty();
        assertThat(sandbox.gateway().callCounts().getOrDefault("dynamodb.Query", 0L)).isGreaterThan(queries);
    }

    @Test
    void aPrimedObserveStepHandlerReachesTheSandboxWithItsRealRequest() throws Exception {
        ObserveStepHandler handler = primed("ObserveStepFunction", ObserveStepHandler::new);

        // A look at a step of a service this deployment holds no lease on: the handler reads the lease from the
        // sandbox's DynamoDB and stops there, as a deployment whose hold lapsed does.
        String request = """
                {"deploymentId": "d-primed-nobody", "cluster": "primed", "service": "nobody",
                 "strategy": {"name": "rolling", "healthDeadlineSeconds": 600, "pollIntervalSeconds": 15,
                              "failureThreshold": 2, "concurrencyPolicy": "supersede"},
                 "revisions": {"previous": "arn:aws:ecs:us-east-1:123456789012:task-definition/nobody:1",
                               "next": "arn:aws:ecs:us-east-1:123456789012:task-definition/nobody:2",
                               "rollback": "arn:aws:ecs:us-east-1:123456789012:task-definition/nobody:1"},
                 "step": {"phase": "FORWARD", "index": 0, "name": "Roll the service out to the new revision",
                          "startedAt": "2026-12-03T12:00:00Z", "waitSeconds": 15, "next": "OBSERVE"}}""";

        JsonNode answer = invoke(handler, request);

        assertThat(answer.path("next").asText()).isEqualTo("CONCLUDE");
        assertThat(answer.path("outcome").asText()).isEqualTo("SUPERSEDED");
        assertThat(answer.path("reason").asText()).contains("hold on the service lapsed");
    }

    @Test
    void theFunctionAnswersThroughItsAliasAsTheStateMachineAndTheRuleInvokeIt() throws Exception {
        String aliasArn = "arn:aws:lambda:" + sandbox.region() + ":123456789012:function:EcrPushFunction:live";
        try (LambdaClient lambda = sandbox.client(LambdaClient.builder())) {
            InvokeResponse response = lambda.invoke(r -> r.functionName(aliasArn)
                    .payload(SdkBytes.fromUtf8String(unfollowedPush("primed-2"))));

            assertThat(response.functionError()).isNull();
            JsonNode answer = Json.mapper().readTree(response.payload().asByteArray());
            assertThat(answer.path("status").asText()).isEqualTo("ignored");
        }
    }

    private static JsonNode invoke(JsonStreamHandler<?, ?> handler, String request) throws Exception {
        var out = new ByteArrayOutputStream();
        // No Lambda context: the handlers log as "local" without one.
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }
}
