package dev.berth.sandbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.sandbox.TestPaths;
import dev.berth.sandbox.logging.LogFile;
import dev.berth.sandbox.template.AwsLocation;
import dev.berth.sandbox.testhandlers.GreetingRecordHandler;
import dev.berth.sandbox.testhandlers.JacksonRecordsSerializer;
import dev.berth.sandbox.testhandlers.NoEnvironmentConstructorHandler;
import dev.berth.sandbox.testhandlers.VoidHandler;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the endpoint constructs handlers and converts their input and output, checked in-process
 * (the same {@link LambdaEndpoint} the gateway uses, without HTTP): the Lambda Java runtime's rules.
 */
class HandlerConventionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LogFile log;
    private LambdaEndpoint endpoint;

    @AfterEach
    void close() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (log != null) {
            log.close();
        }
    }

    @Test
    void withTheRuntimesDefaultSerializerARecordInputFailsAsOnLambda() throws IOException {
        endpoint = endpoint(getClass().getClassLoader());
        endpoint.register(function("Greeting", GreetingRecordHandler.class));

        LambdaEndpoint.Invocation invocation = endpoint.invoke("Greeting", bytes("{\"name\":\"Ada\"}"));

        assertThat(invocation.functionError()).contains("Unhandled");
        JsonNode error = JSON.readTree(invocation.payload());
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.RuntimeException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("An error occurred during JSON parsing");
        assertThat(error.at("/cause/errorMessage").asText()).contains("GreetingRecordHandler$Greeting");
    }

    @Test
    void aCustomPojoSerializerInMetaInfServicesIsUsedForInputAndOutput() throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("com.amazonaws.services.lambda.runtime.CustomPojoSerializer"),
                JacksonRecordsSerializer.class.getName() + "\n");
        try (var loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            endpoint = endpoint(loader);
            endpoint.register(function("Greeting", GreetingRecordHandler.class));

            LambdaEndpoint.Invocation invocation = endpoint.invoke("Greeting", bytes("{\"name\":\"Ada\"}"));

            assertThat(invocation.functionError()).isEmpty();
            assertThat(invocation.payloadText()).isEqualTo("\"hello Ada\"");
        }
    }

    @Test
    void aVoidHandlerAnswersNull() {
        endpoint = endpoint(getClass().getClassLoader());
        endpoint.register(function("Void", VoidHandler.class));
        LambdaEndpoint.Invocation invocation = endpoint.invoke("Void", bytes("{\"a\":1}"));
        assertThat(invocation.functionError()).isEmpty();
        assertThat(invocation.payloadText()).isEqualTo("null");
        assertThat(new String(invocation.logTail(), StandardCharsets.UTF_8)).contains("got {a=1}");
    }

    @Test
    void aHandlerWithoutTheEnvironmentConstructorIsRefusedNotGivenTheJvmsEnvironment() throws IOException {
        endpoint = endpoint(getClass().getClassLoader());
        endpoint.register(function("NoMap", NoEnvironmentConstructorHandler.class));
        LambdaEndpoint.Invocation invocation = endpoint.invoke("NoMap", bytes("{}"));
        assertThat(invocation.functionError()).contains("Unhandled");
        JsonNode error = JSON.readTree(invocation.payload());
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.NoSuchMethodException");
        assertThat(error.get("errorMessage").asText()).contains("Map<String, String>");
    }

    @Test
    void aMissingHandlerClassIsAFunctionErrorNamingIt() throws IOException {
        endpoint = endpoint(getClass().getClassLoader());
        endpoint.register(new LambdaFunction("Missing", AwsLocation.SANDBOX.lambdaFunctionArn("Missing"),
                "dev.berth.handlers.DoesNotExist", "handleRequest", Map.of(), 3, 128));
        LambdaEndpoint.Invocation invocation = endpoint.invoke("Missing", bytes("{}"));
        JsonNode error = JSON.readTree(invocation.payload());
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(error.get("errorMessage").asText()).contains("dev.berth.handlers.DoesNotExist");
    }

    @Test
    void functionNamesAreAcceptedInEveryFormInvokeTakes() {
        assertThat(LambdaEndpoint.functionName("Fn")).isEqualTo("Fn");
        assertThat(LambdaEndpoint.functionName("Fn:live")).isEqualTo("Fn");
        assertThat(LambdaEndpoint.functionName("123456789012:function:Fn")).isEqualTo("Fn");
        assertThat(LambdaEndpoint.functionName("arn:aws:lambda:us-east-1:123456789012:function:Fn")).isEqualTo("Fn");
        assertThat(LambdaEndpoint.functionName("arn:aws:lambda:us-east-1:123456789012:function:Fn:$LATEST")).isEqualTo("Fn");
    }

    private LambdaEndpoint endpoint(ClassLoader loader) {
        log = LogFile.open(TestPaths.logDir("handler-conventions").resolve("lambda.log"));
        return new LambdaEndpoint(AwsLocation.SANDBOX, log, loader);
    }

    private static LambdaFunction function(String name, Class<?> handler) {
        return new LambdaFunction(name, AwsLocation.SANDBOX.lambdaFunctionArn(name), handler.getName(), "handleRequest",
                Map.of("AWS_LAMBDA_FUNCTION_NAME", name), 10, 256);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
