package dev.berth.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.aws.AwsClients;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.json.Json;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.Sandbox;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.SharedLocalBerth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.InternalException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Faults injected at the sandbox's gateway, as the real SDK clients and Berth's real functions meet
 * them. Every rule here is scoped to this test's own application id or to one function, so nothing
 * else running in the shared sandbox trips over them.
 */
class FaultInjectionTest {

    /** This test's SDK application id: its clients' calls carry {@code app/FaultInjectionTest}. */
    private static final String APP = "FaultInjectionTest";

    private static LocalBerth berth;
    private static Sandbox sandbox;

    @BeforeAll
    static void sandbox() {
        berth = SharedLocalBerth.get();
        sandbox = berth.sandbox();
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    /** This test's clients, built as Berth's functions build theirs; without retries, so each error shows. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        B configured = clients().configure(builder, "ANY");
        configured.overrideConfiguration(o -> o.appId(APP).retryStrategy(AwsRetryStrategy.doNotRetry()));
        return configured.build();
    }

    /** Berth's own client factory with the application id in the environment, as the sandbox gives each function. */
    private static AwsClients clients() {
        var environment = new LinkedHashMap<>(SandboxClients.environment(sandbox.endpoint(), sandbox.region()));
        environment.put("AWS_SDK_UA_APP_ID", APP);
        return new AwsClients(new FunctionEnvironment(environment));
    }

    @Test
    void dynamoDbThrottlingAndServerErrorsAreDynamoDbsOwnExceptions() {
        String table = sandbox.tableName("TargetsTable");
        sandbox.faults().add(FaultRule.failing("dynamodb", "Scan").fromFunction(APP)
                .withError("ProvisionedThroughputExceededException").times(1));
        sandbox.faults().add(FaultRule.failing("dynamodb", "Scan").fromFunction(APP)
                .withError(500, "InternalServerError").withMessage("the disk is on fire").times(1));
        try (DynamoDbClient dynamoDb = client(DynamoDbClient.builder())) {
            Runnable get = () -> dynamoDb.scan(b -> b.tableName(table).limit(1));

            assertThatThrownBy(get::run).isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.isThrottlingException()).isTrue();
            });
            assertThatThrownBy(get::run).isInstanceOfSatisfying(InternalServerErrorException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("the disk is on fire");
            });
            get.run(); // both rules spent
        }
        assertThat(sandbox.faults().list()).extracting(FaultInjector.FaultStatus::fired).containsExactly(1, 1);
        assertThat(sandbox.faults().list()).extracting(FaultInjector.FaultStatus::matched).containsExactly(3, 2);
    }

    @Test
    void ecsElbStepFunctionsEventBridgeAndLambdaErrorsParseInTheirProtocols() {
        var faults = sandbox.faults();
        faults.add(FaultRule.failing("ecs", "ListClusters").fromFunction(APP).withError("ServerException"));
        faults.add(FaultRule.failing("elbv2", "DescribeTargetGroups").fromFunction(APP).withError("Throttling")
                .withMessage("Rate exceeded"));
        faults.add(FaultRule.failing("states", "ListStateMachines").fromFunction(APP).withError("ThrottlingException"));
        faults.add(FaultRule.failing("events", "ListRules").fromFunction(APP).withError("InternalException"));
        faults.add(FaultRule.failing("lambda", "Invoke").fromFunction(APP).withError("TooManyRequestsException"));

        try (EcsClient ecs = client(EcsClient.builder());
             ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client.builder());
             SfnClient sfn = client(SfnClient.builder());
             EventBridgeClient events = client(EventBridgeClient.builder());
             LambdaClient lambda = client(LambdaClient.builder())) {
            assertThatThrownBy(ecs::listClusters).isInstanceOfSatisfying(ServerException.class,
                    e -> assertThat(e.statusCode()).isEqualTo(500));
            assertThatThrownBy(elb::describeTargetGroups).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                assertThat(e.isThrottlingException()).isTrue();
            });
            assertThatThrownBy(sfn::listStateMachines).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                assertThat(e.isThrottlingException()).isTrue();
            });
            assertThatThrownBy(() -> events.listRules(b -> { })).isInstanceOf(InternalException.class);
            assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("EcrPushFunction").payload(SdkBytes.fromUtf8String("{}"))))
                    .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
        }
        assertThat(faults.list()).allSatisfy(status -> assertThat(status.fired()).isEqualTo(1));
    }

    @Test
    void aFaultForOneFunctionFailsOnlyThatFunctionsCalls() {
        String id = sandbox.faults().add(FaultRule.failing("dynamodb").fromFunction("EcrPushFunction")
                .withError(500, "InternalServerError"));
        String push = pushEventFor("faults/" + UUID.randomUUID().toString().substring(0, 8));

        try (LambdaClient lambda = SandboxClients.client(LambdaClient.builder(), sandbox.endpoint(), sandbox.region());
             DynamoDbClient dynamoDb = clients().dynamoDb()) {
            InvokeResponse failed = lambda.invoke(b -> b.functionName("EcrPushFunction").payload(SdkBytes.fromUtf8String(push)));
            assertThat(failed.functionError()).isEqualTo("Unhandled");
            assertThat(failed.payload().asString(StandardCharsets.UTF_8)).contains("InternalServerError");
            // Everyone else's DynamoDB calls go through meanwhile.
            dynamoDb.scan(b -> b.tableName(sandbox.tableName("TargetsTable")).limit(1));

            FaultInjector.FaultStatus status = sandbox.faults().status(id).orElseThrow();
            assertThat(status.fired()).isPositive().isEqualTo(status.matched());

            sandbox.faults().clear();
            InvokeResponse passed = lambda.invoke(b -> b.functionName("EcrPushFunction").payload(SdkBytes.fromUtf8String(push)));
            assertThat(passed.functionError()).isNull();
        }
    }

    @Test
    void aFunctionRetriesThroughAFewTransientFailures() {
        String id = sandbox.faults().add(FaultRule.failing("dynamodb").fromFunction("EcrPushFunction")
                .withError(500, "InternalServerError").times(2));
        try (LambdaClient lambda = SandboxClients.client(LambdaClient.builder(), sandbox.endpoint(), sandbox.region())) {
            InvokeResponse answer = lambda.invoke(b -> b.functionName("EcrPushFunction")
                    .payload(SdkBytes.fromUtf8String(pushEventFor("faults/transient"))));

            assertThat(answer.functionError()).as(answer.payload().asString(StandardCharsets.UTF_8)).isNull();
        }
        assertThat(sandbox.faults().status(id).orElseThrow().fired()).isEqualTo(2);
    }

    @Test
    void eachFunctionGetsItsLogicalIdAsItsSdkApplicationId() {
        sandbox.stack().functionNames().forEach((logicalId, name) ->
                assertThat(sandbox.lambdaEndpoint().function(name).orElseThrow().environment())
                        .containsEntry("AWS_SDK_UA_APP_ID", logicalId));
    }

    @Test
    void faultsAreSetListedAndClearedOverHttp() throws Exception {
        try (HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
             EcsClient ecs = client(EcsClient.builder())) {
            HttpResponse<String> created = call(http, "POST", "/_berth/faults", "{\"service\": \"ecs\", \"action\": "
                    + "\"ListClusters\", \"function\": \"" + APP + "\", \"errorCode\": \"ThrottlingException\", \"count\": 1}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode rule = Json.mapper().readTree(created.body());
            assertThat(rule.path("status").asInt()).isEqualTo(400);
            String id = rule.path("id").asText();

            assertThatThrownBy(ecs::listClusters).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
            ecs.listClusters();

            JsonNode listed = Json.mapper().readTree(call(http, "GET", "/_berth/faults", null).body());
            assertThat(listed.path("faults")).singleElement().satisfies(fault -> {
                assertThat(fault.path("id").asText()).isEqualTo(id);
                assertThat(fault.path("matched").asInt()).isEqualTo(2);
                assertThat(fault.path("fired").asInt()).isEqualTo(1);
                assertThat(fault.path("function").asText()).isEqualTo(APP);
            });
            assertThat(call(http, "DELETE", "/_berth/faults/" + id, null).statusCode()).isEqualTo(200);
            assertThat(call(http, "GET", "/_berth/faults/" + id, null).statusCode()).isEqualTo(404);
            assertThat(call(http, "DELETE", "/_berth/faults", null).statusCode()).isEqualTo(200);
            assertThat(call(http, "PUT", "/_berth/faults", "{}").statusCode()).isEqualTo(405);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"action\": \"PutItem\"}",
            "{\"service\": \"dynamodb\", \"count\": 2, \"ratio\": 0.5}",
            "{\"service\": \"dynamodb\", \"ratio\": 2}",
            "{\"service\": \"dynamodb\", \"count\": 0}",
            "{\"service\": \"dynamodb\", \"status\": 429}",
            "{\"service\": \"dynamodb\", \"status\": 200, \"errorCode\": \"Fine\"}",
            "{\"service\": \"dynamodb\", \"times\": 3}",
            "{\"service\": \"dynamodb\"",
            "[\"dynamodb\"]"})
    void aBadFaultRuleIsRefusedWithA400(String body) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
            HttpResponse<String> refused = call(http, "POST", "/_berth/faults", body);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            JsonNode error = Json.mapper().readTree(refused.body()).path("error");
            assertThat(error.path("code").asText()).isIn("InvalidRequest", "MalformedJson");
            assertThat(error.path("message").asText()).isNotBlank();
            assertThat(sandbox.faults().list()).isEmpty();
        }
    }

    private static HttpResponse<String> call(HttpClient http, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An ECR push of a repository no target names: the function reads the targets table and starts nothing. */
    private static String pushEventFor(String repository) {
        return """
                {"version": "0", "id": "%s", "detail-type": "ECR Image Action", "source": "aws.ecr", "account": "123456789012",
                 "time": "%s", "region": "us-east-1", "resources": [],
                 "detail": {"result": "SUCCESS", "repository-name": "%s", "image-digest": "sha256:%s", "action-type": "PUSH",
                            "image-tag": "1.0.0"}}""".formatted(java.util.UUID.randomUUID(), java.time.Instant.now(), repository,
                "d".repeat(64));
    }
}
