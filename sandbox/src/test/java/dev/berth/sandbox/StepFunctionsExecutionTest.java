package dev.berth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** moto's Step Functions executes a definition whose Lambda tasks run real handlers through the sandbox's endpoint. */
@ExtendWith(SharedSandbox.class)
class StepFunctionsExecutionTest {

    @Test
    void anExecutionCallsHandlersAndCatchesTheirExceptionsByJavaClassName(Sandbox sandbox) throws Exception {
        DeployedStack testStack = sandbox.stacks().stream()
                .filter(stack -> stack.stateMachineArns().containsKey("EchoStateMachine")).findFirst().orElseThrow();
        long echoes = sandbox.lambdaEndpoint().invocationCount("EchoFunction");
        long failures = sandbox.lambdaEndpoint().invocationCount("FailingFunction");

        try (SfnClient sfn = sandbox.client(SfnClient.builder())) {
            String execution = sfn.startExecution(b -> b.stateMachineArn(testStack.stateMachineArn("EchoStateMachine"))
                    .input("{\"message\":\"through step functions\"}")).executionArn();

            DescribeExecutionResponse done = awaitEnd(sfn, execution, Duration.ofSeconds(60));
            assertThat(done.status()).as("execution output: %s, cause: %s", done.output(), done.cause())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode output = new ObjectMapper().readTree(done.output());
            assertThat(output.at("/echo/message").asText()).isEqualTo("through step functions");
            assertThat(output.at("/echo/functionName").asText()).isEqualTo("EchoFunction");
            assertThat(output.at("/caught/Error").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(output.at("/caught/Cause").asText()).contains("boom");
        }
        assertThat(sandbox.lambdaEndpoint().invocationCount("EchoFunction")).isEqualTo(echoes + 1);
        assertThat(sandbox.lambdaEndpoint().invocationCount("FailingFunction")).isEqualTo(failures + 1);
    }

    @Test
    void namelessExecutionsGetTheirOwnNamesAsOnAws(Sandbox sandbox) throws Exception {
        String machine = sandbox.stacks().stream().filter(stack -> stack.stateMachineArns().containsKey("EchoStateMachine"))
                .findFirst().orElseThrow().stateMachineArn("EchoStateMachine");
        try (SfnClient sfn = sandbox.client(SfnClient.builder())) {
            String first = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"message\":\"same\"}")).executionArn();
            String second = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"message\":\"same\"}")).executionArn();
            assertThat(first).isNotEqualTo(second).doesNotEndWith(":None");
            assertThat(awaitEnd(sfn, first, Duration.ofSeconds(60)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(awaitEnd(sfn, second, Duration.ofSeconds(60)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            String named = sfn.startExecution(b -> b.stateMachineArn(machine).name("deployment-42").input("{}")).executionArn();
            assertThat(named).endsWith(":deployment-42");
        }
    }

    /** Bounded polling: moto runs executions on its own threads. */
    private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String execution, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        DescribeExecutionResponse response = sfn.describeExecution(b -> b.executionArn(execution));
        while (response.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = sfn.describeExecution(b -> b.executionArn(execution));
        }
        return response;
    }
}
