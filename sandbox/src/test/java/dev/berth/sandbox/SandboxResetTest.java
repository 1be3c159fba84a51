package dev.berth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** POST /_berth/reset takes the sandbox back to just-deployed: empty emulators, same names, still executing. */
@ExtendWith(SharedSandbox.class)
class SandboxResetTest {

    @Test
    void resetEmptiesEverythingAndRedeploysTheStateMachines(Sandbox sandbox) throws Exception {
        String table = sandbox.tableName("DeploymentsTable");
        var key = Map.of("deploymentId", AttributeValue.fromS("reset-test"));
        try (DynamoDbClient dynamoDb = sandbox.client(DynamoDbClient.builder());
             EcsClient ecs = sandbox.client(EcsClient.builder());
             LambdaClient lambda = sandbox.client(LambdaClient.builder());
             SfnClient sfn = sandbox.client(SfnClient.builder())) {
            dynamoDb.putItem(b -> b.tableName(table).item(key));
            ecs.createCluster(b -> b.clusterName("reset-test"));
            lambda.invoke(b -> b.functionName("EchoFunction").payload(SdkBytes.fromUtf8String("{\"message\":\"before\"}")));

            HttpResponse<String> reset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/_berth/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reset.statusCode()).isEqualTo(200);

            assertThat(dynamoDb.getItem(b -> b.tableName(table).key(key)).hasItem()).isFalse();
            assertThat(ecs.listClusters().clusterArns()).noneMatch(arn -> arn.endsWith("/reset-test"));
            assertThat(sandbox.lambdaEndpoint().invocationCounts().values()).containsOnly(0L);
            assertThat(sandbox.gateway().callCounts()).doesNotContainKey("ecs.CreateCluster");

            String machine = sandbox.stacks().stream().filter(s -> s.stateMachineArns().containsKey("EchoStateMachine"))
                    .findFirst().orElseThrow().stateMachineArn("EchoStateMachine");
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"message\":\"after\"}")).executionArn();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            DescribeExecutionResponse done = sfn.describeExecution(b -> b.executionArn(execution));
            while (done.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100); // bounded polling
                done = sfn.describeExecution(b -> b.executionArn(execution));
            }
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(sfn.listStateMachines().stateMachines()).anyMatch(
                    m -> m.stateMachineArn().equals(sandbox.stateMachineArn("DeploymentStateMachine")));
        }
    }
}
