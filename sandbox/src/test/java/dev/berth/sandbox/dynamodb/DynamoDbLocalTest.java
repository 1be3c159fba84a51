package dev.berth.sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.TestPaths;
import dev.berth.sandbox.template.SamTemplate;
import dev.berth.sandbox.template.TableDefinition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class DynamoDbLocalTest {

    @Test
    void theTemplatesTablesAreCreatedAsDefinedAndRecreatedEmpty() {
        try (DynamoDbLocal local = DynamoDbLocal.start();
             DynamoDbClient dynamoDb = SandboxClients.at(local.endpoint(), "us-east-1").dynamoDb()) {
            var creator = new TableCreator(dynamoDb);
            SamTemplate.load(TestPaths.projectRoot().resolve("template.yaml")).tables().forEach(creator::create);

            TableDescription deployments = dynamoDb.describeTable(b -> b.tableName("DeploymentsTable")).table();
            assertThat(deployments.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
            assertThat(deployments.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                    .containsExactly("deploymentId:HASH");
            assertThat(deployments.globalSecondaryIndexes()).hasSize(2).anySatisfy(index -> {
                assertThat(index.indexName()).isEqualTo("byService");
                assertThat(index.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                        .containsExactly("serviceKey:HASH", "startedAt:RANGE");
                assertThat(index.projection().projectionTypeAsString()).isEqualTo("ALL");
            }).anySatisfy(index -> {
                assertThat(index.indexName()).isEqualTo("inFlight");
                assertThat(index.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                        .containsExactly("inFlight:HASH", "startedAt:RANGE");
            });
            assertThat(dynamoDb.describeTable(b -> b.tableName("LeasesTable")).table().keySchema())
                    .extracting(k -> k.attributeName() + ":" + k.keyTypeAsString()).containsExactly("serviceKey:HASH");

            var key = Map.of("repository", AttributeValue.fromS("app"), "targetKey", AttributeValue.fromS("c#s"));
            dynamoDb.putItem(b -> b.tableName("TargetsTable").item(key));
            creator.recreate(SamTemplate.load(TestPaths.projectRoot().resolve("template.yaml")).table("TargetsTable").orElseThrow());
            assertThat(dynamoDb.getItem(b -> b.tableName("TargetsTable").key(key)).hasItem()).isFalse();
        }
    }

    @Test
    void localIndexesProjectionsAndTimeToLiveAreCarried() {
        var key = new TableDefinition.KeyElement("pk", "HASH");
        var sort = new TableDefinition.KeyElement("sk", "RANGE");
        var table = new TableDefinition("Events", "Events",
                List.of(new TableDefinition.AttributeDefinition("pk", "S"), new TableDefinition.AttributeDefinition("sk", "S"),
                        new TableDefinition.AttributeDefinition("at", "N")),
                List.of(key, sort), List.of(),
                List.of(new TableDefinition.SecondaryIndex("byTime", List.of(key, new TableDefinition.KeyElement("at", "RANGE")),
                        "INCLUDE", List.of("kind"))),
                "PAY_PER_REQUEST", Optional.of("expiresAt"));
        try (DynamoDbLocal local = DynamoDbLocal.start();
             DynamoDbClient dynamoDb = SandboxClients.at(local.endpoint(), "us-east-1").dynamoDb()) {
            new TableCreator(dynamoDb).create(table);
            TableDescription description = dynamoDb.describeTable(b -> b.tableName("Events")).table();
            assertThat(description.localSecondaryIndexes()).singleElement().satisfies(index -> {
                assertThat(index.indexName()).isEqualTo("byTime");
                assertThat(index.projection().nonKeyAttributes()).containsExactly("kind");
            });
            assertThat(dynamoDb.describeTimeToLive(b -> b.tableName("Events")).timeToLiveDescription().timeToLiveStatus())
                    .isEqualTo(TimeToLiveStatus.ENABLED);
        }
    }

    @Test
    void itListensOnLoopbackOnlyAndStopsListeningWhenClosed() throws IOException {
        DynamoDbLocal local = DynamoDbLocal.start();
        int port = local.port();
        assertThat(local.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(connects(InetAddress.getLoopbackAddress(), port)).isTrue();
        for (InetAddress other : nonLoopbackAddresses()) {
            assertThat(connects(other, port)).as("reachable on " + other).isFalse();
        }
        local.close();
        assertThat(connects(InetAddress.getLoopbackAddress(), port)).isFalse();
        local.close(); // idempotent
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && address instanceof java.net.Inet4Address)
                .toList();
    }

    private static boolean connects(InetAddress address, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
