package dev.berth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/** Real SDK clients through the front endpoint reach the right emulator, with the template's resources in place. */
@ExtendWith(SharedSandbox.class)
class SandboxRoutingTest {

    @Test
    void ecsCallsReachMoto(Sandbox sandbox) {
        try (EcsClient ecs = sandbox.client(EcsClient.builder())) {
            String arn = ecs.createCluster(b -> b.clusterName("routing-test")).cluster().clusterArn();
            assertThat(ecs.listClusters().clusterArns()).contains(arn);
            assertThat(arn).startsWith("arn:aws:ecs:us-east-1:" + sandbox.accountId() + ":cluster/");
        }
        assertThat(sandbox.gateway().callCounts()).containsKey("ecs.ListClusters");
    }

    @Test
    void dynamoDbCallsReachDynamoDbLocalWhereTheTemplateTablesExist(Sandbox sandbox) {
        try (DynamoDbClient dynamoDb = sandbox.client(DynamoDbClient.builder())) {
            assertThat(dynamoDb.listTables().tableNames()).contains(
                    sandbox.tableName("DeploymentsTable"), sandbox.tableName("TargetsTable"));
            TableDescription deployments = dynamoDb.describeTable(b -> b.tableName(sandbox.tableName("DeploymentsTable"))).table();
            assertThat(deployments.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
            assertThat(deployments.globalSecondaryIndexes()).extracting(index -> index.indexName())
                    .containsExactlyInAnyOrder("byService", "inFlight");

            String table = sandbox.tableName("TargetsTable");
            dynamoDb.putItem(b -> b.tableName(table).item(java.util.Map.of(
                    "repository", AttributeValue.fromS("routing-test/app"), "targetKey", AttributeValue.fromS("cluster#service"))));
            assertThat(dynamoDb.getItem(b -> b.tableName(table).key(java.util.Map.of(
                    "repository", AttributeValue.fromS("routing-test/app"), "targetKey", AttributeValue.fromS("cluster#service"))))
                    .hasItem()).isTrue();
        }
    }

    @Test
    void theTemplateStateMachineIsDeployedInMoto(Sandbox sandbox) {
        try (SfnClient sfn = sandbox.client(SfnClient.builder())) {
            assertThat(sfn.listStateMachines().stateMachines()).extracting(StateMachineListItem::stateMachineArn)
                    .contains(sandbox.stateMachineArn("DeploymentStateMachine"));
            String definition = sfn.describeStateMachine(b -> b.stateMachineArn(sandbox.stateMachineArn("DeploymentStateMachine")))
                    .definition();
            assertThat(definition).contains("\"arn:aws:lambda:us-east-1:123456789012:function:ObserveStepFunction:live\"")
                    .doesNotContain("${");
        }
    }

    @Test
    void theControlApiReportsHealthAndWhatIsDeployed(Sandbox sandbox) throws Exception {
        var http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/_berth/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/_berth/info")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"DeploymentsTable\"", "stateMachine:DeploymentStateMachine", "\"EcrPushFunction\"");
    }
}
