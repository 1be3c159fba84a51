package dev.berth.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.sandbox.TestPaths;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** moto on its own, spoken to in its wire protocol (no SDK, no gateway). */
class MotoServerTest {

    private static final Path LOG = TestPaths.logDir("moto-server").resolve("moto.log");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aMissingPythonIsOneClearLineNamingIt() {
        assertThatThrownBy(() -> MotoServer.start("/nonexistent/python3", 1, LOG, Duration.ofSeconds(10)))
                .isInstanceOf(MotoNotInstalledException.class)
                .hasMessage("moto is not installed: run pip install \"moto[server]\" (tried /nonexistent/python3 (not found))");
    }

    @Test
    void aPythonWithoutMotoIsTheSameOneLine() throws IOException {
        // A real python that cannot see site-packages: `import moto` fails exactly as where moto is not installed.
        Path python = dir.resolve("python-without-moto");
        Files.writeString(python, "#!/bin/sh\nexec python3 -I -S \"$@\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> MotoServer.start(python.toString(), 1, LOG, Duration.ofSeconds(30)))
                .isInstanceOf(MotoNotInstalledException.class)
                .hasMessage("moto is not installed: run pip install \"moto[server]\" (tried " + python + ")");
    }

    @Test
    void resetForgetsResourcesButKeepsStepFunctionsExecuting() throws Exception {
        try (MotoServer moto = MotoServer.start(1, LOG, Duration.ofSeconds(60))) {
            moto.enableStepFunctionsExecution();
            call(moto, "ecs", "AmazonEC2ContainerServiceV20141113.CreateCluster", "{\"clusterName\":\"before-reset\"}");
            assertThat(call(moto, "ecs", "AmazonEC2ContainerServiceV20141113.ListClusters", "{}")).contains("before-reset");

            moto.reset();

            assertThat(call(moto, "ecs", "AmazonEC2ContainerServiceV20141113.ListClusters", "{}")).doesNotContain("before-reset");
            String machine = createPassMachine(moto, "after-reset");
            assertThat(runToEnd(moto, machine, "only")).as("an executed, not merely stored, state machine").isEqualTo("SUCCEEDED");
            assertThat(Files.readString(moto.logFile())).contains("POST / HTTP/1.1");
        }
    }

    @Test
    void aStateMachineRunsAgainAndAgainWhileEarlierExecutionsAreKept() throws Exception {
        try (MotoServer moto = MotoServer.start(1, LOG, Duration.ofSeconds(60))) {
            moto.enableStepFunctionsExecution();
            String machine = createPassMachine(moto, "many-times");
            for (String name : new String[] {"first", "second", "third"}) {
                assertThat(runToEnd(moto, machine, name)).as(name).isEqualTo("SUCCEEDED");
            }
            assertThat(call(moto, "states", "AWSStepFunctions.ListExecutions", "{\"stateMachineArn\":\"" + machine + "\"}"))
                    .contains("first", "second", "third");
        }
    }

    private String createPassMachine(MotoServer moto, String name) throws Exception {
        return JSON.readTree(call(moto, "states", "AWSStepFunctions.CreateStateMachine", """
                {"name": "%s", "roleArn": "arn:aws:iam::123456789012:role/r",
                 "definition": "{\\"StartAt\\":\\"P\\",\\"States\\":{\\"P\\":{\\"Type\\":\\"Pass\\",\\"Result\\":42,\\"End\\":true}}}"}
                """.formatted(name))).get("stateMachineArn").asText();
    }

    /** Starts a named execution and polls (bounded) until it is no longer RUNNING; returns its status. */
    private String runToEnd(MotoServer moto, String machine, String name) throws Exception {
        String execution = JSON.readTree(call(moto, "states", "AWSStepFunctions.StartExecution",
                "{\"stateMachineArn\":\"" + machine + "\",\"name\":\"" + name + "\"}")).get("executionArn").asText();
        String describe = "{\"executionArn\":\"" + execution + "\"}";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = JSON.readTree(call(moto, "states", "AWSStepFunctions.DescribeExecution", describe)).get("status").asText();
        while (status.equals("RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(50); // bounded polling: moto executes on its own thread
            status = JSON.readTree(call(moto, "states", "AWSStepFunctions.DescribeExecution", describe)).get("status").asText();
        }
        return status;
    }

    private String call(MotoServer moto, String service, String target, String body) throws Exception {
        var request = HttpRequest.newBuilder(moto.endpoint())
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=berthsandbox/20250101/us-east-1/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(target + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
