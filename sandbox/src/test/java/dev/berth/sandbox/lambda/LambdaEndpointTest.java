package dev.berth.sandbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.sandbox.Sandbox;
import dev.berth.sandbox.SharedSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The test stack's handlers invoked with the real Lambda SDK client through the sandbox's front endpoint. */
@ExtendWith(SharedSandbox.class)
class LambdaEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LambdaClient lambda;

    @BeforeAll
    static void client(Sandbox sandbox) {
        lambda = sandbox.client(LambdaClient.builder());
    }

    @AfterAll
    static void close() {
        lambda.close();
    }

    @Test
    void aPojoHandlerGetsItsInputItsEnvironmentAndAContext(Sandbox sandbox) throws Exception {
        InvokeResponse response = invoke("EchoFunction", "{\"message\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        JsonNode echo = JSON.readTree(response.payload().asUtf8String());
        assertThat(echo.get("message").asText()).isEqualTo("hi");
        assertThat(echo.get("greeting").asText()).isEqualTo("hello");
        assertThat(echo.get("table").asText()).isEqualTo("EchoTable");
        assertThat(echo.get("tableArn").asText()).isEqualTo("arn:aws:dynamodb:us-east-1:123456789012:table/EchoTable");
        assertThat(echo.get("where").asText()).isEqualTo("us-east-1/123456789012");
        assertThat(echo.get("endpoint").asText()).isEqualTo(sandbox.endpoint().toString());
        assertThat(echo.get("functionName").asText()).isEqualTo("EchoFunction");
        assertThat(echo.get("invokedArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:EchoFunction");
        assertThat(echo.get("remainingMillis").asInt()).isBetween(1, 20_000);
        assertThat(echo.get("memoryMb").asInt()).isEqualTo(512);
    }

    @Test
    void aFunctionAnswersToItsArnWithAQualifierToo() throws Exception {
        InvokeResponse response = invoke("arn:aws:lambda:us-east-1:123456789012:function:EchoFunction:live", "{\"message\":\"by arn\"}");
        JsonNode echo = JSON.readTree(response.payload().asUtf8String());
        assertThat(echo.get("message").asText()).isEqualTo("by arn");
        assertThat(echo.get("invokedArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:EchoFunction:live");
    }

    @Test
    void aStreamHandlerIsConstructedWithTheFunctionEnvironmentAsLambdaSetsIt(Sandbox sandbox) throws Exception {
        InvokeResponse response = invoke("EnvironmentFunction", "{\"any\":\"thing\"}");
        JsonNode body = JSON.readTree(response.payload().asUtf8String());
        assertThat(body.get("inputBytes").asInt()).isEqualTo("{\"any\":\"thing\"}".length());
        JsonNode environment = body.get("environment");
        assertThat(environment.get("GREETING").asText()).isEqualTo("hello");
        assertThat(environment.get("ECHO_TABLE").asText()).isEqualTo("EchoTable");
        assertThat(environment.get("AWS_ENDPOINT_URL").asText()).isEqualTo(sandbox.endpoint().toString());
        assertThat(environment.get("AWS_REGION").asText()).isEqualTo("us-east-1");
        assertThat(environment.get("AWS_DEFAULT_REGION").asText()).isEqualTo("us-east-1");
        assertThat(environment.get("AWS_ACCESS_KEY_ID").asText()).isNotBlank();
        assertThat(environment.get("AWS_SECRET_ACCESS_KEY").asText()).isNotBlank();
        assertThat(environment.get("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("EnvironmentFunction");
        assertThat(environment.get("_HANDLER").asText()).isEqualTo("dev.berth.sandbox.testhandlers.EnvironmentStreamHandler::handleRequest");
        assertThat(environment.has("ECHO_TABLE_ARN")).as("EchoFunction's own variable").isFalse();
    }

    @Test
    void anExceptionIsAnUnhandledFunctionErrorInLambdasShape() throws Exception {
        InvokeResponse response = invoke("FailingFunction", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(response.payload().asUtf8String());
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("boom");
        assertThat(error.get("stackTrace").isArray()).isTrue();
        assertThat(error.get("stackTrace").get(0).asText()).contains("FailingHandler.handleRequest");
        assertThat(error.at("/cause/errorType").asText()).isEqualTo("java.io.UncheckedIOException");
    }

    @Test
    void aFunctionOutlivingItsTimeoutIsStoppedAndReportedAsTimedOut() throws Exception {
        long started = System.nanoTime();
        InvokeResponse response = invoke("SlowFunction", "{}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(response.payload().asUtf8String());
        assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.get("errorMessage").asText()).contains("Task timed out after 1.00 seconds");
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() {
        assertThatThrownBy(() -> invoke("NoSuchFunction", "{}"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Function not found: arn:aws:lambda:us-east-1:123456789012:function:NoSuchFunction");
                });
    }

    @Test
    void anEventInvocationIsAcceptedAtOnceAndRunsAfterwards(Sandbox sandbox) throws Exception {
        long before = sandbox.lambdaEndpoint().invocationCount("EchoFunction");
        InvokeResponse response = lambda.invoke(b -> b.functionName("EchoFunction").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"message\":\"async\"}")));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.payload().asByteArray()).isEmpty();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sandbox.lambdaEndpoint().invocationCount("EchoFunction") == before && System.nanoTime() < deadline) {
            Thread.sleep(20); // bounded polling for the queued invocation
        }
        assertThat(sandbox.lambdaEndpoint().invocationCount("EchoFunction")).isGreaterThan(before);
        while (!Files.readString(sandbox.logDir().resolve("lambda.log")).contains("echoing async") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(sandbox.logDir().resolve("lambda.log"))).contains("EchoFunction").contains("echoing async");
    }

    @Test
    void aDryRunChecksTheFunctionWithoutRunningIt(Sandbox sandbox) {
        long before = sandbox.lambdaEndpoint().invocationCount("EchoFunction");
        InvokeResponse response = lambda.invoke(b -> b.functionName("EchoFunction").invocationType(InvocationType.DRY_RUN));
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(sandbox.lambdaEndpoint().invocationCount("EchoFunction")).isEqualTo(before);
    }

    @Test
    void logTypeTailReturnsTheInvocationLog() {
        InvokeResponse response = lambda.invoke(b -> b.functionName("EchoFunction").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"message\":\"tail me\"}")));
        String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        assertThat(log).contains("START RequestId: ").contains("echoing tail me").contains("END RequestId: ");
    }

    @Test
    void invocationsAreCountedPerFunction(Sandbox sandbox) throws Exception {
        long before = sandbox.lambdaEndpoint().invocationCount("EnvironmentFunction");
        invoke("EnvironmentFunction", "{}");
        invoke("EnvironmentFunction", "{}");
        assertThat(sandbox.lambdaEndpoint().invocationCount("EnvironmentFunction")).isEqualTo(before + 2);
        assertThat(sandbox.lambdaEndpoint().invocationCounts()).containsKeys("EchoFunction", "EcrPushFunction");
    }

    @Test
    void otherLambdaApiCallsPassOnToMoto() {
        var response = lambda.listFunctions();
        // moto (a Werkzeug server) answers; it holds no functions, they live in the sandbox's endpoint.
        assertThat(response.sdkHttpResponse().firstMatchingHeader("server")).hasValueSatisfying(
                server -> assertThat(server).contains("Werkzeug"));
        assertThat(response.functions()).isEmpty();
    }

    private static InvokeResponse invoke(String function, String payload) {
        return lambda.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
    }
}
