package dev.berth.adapters;

import dev.berth.domain.deployment.Deployment;
import dev.berth.ports.AwsCallException;
import dev.berth.ports.DeploymentHistory;
import dev.berth.ports.TransientAwsException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link DeploymentHistory} in a DynamoDB table keyed by deployment id, with the {@code byService}
 * index for per-service history. Every write is conditional on the version read, so two steps
 * racing on one record never lose each other's timeline entries.
 */
public final class DynamoDbDeploymentHistory implements DeploymentHistory {

    static final String BY_SERVICE_INDEX = "byService";
    static final String IN_FLIGHT_INDEX = "inFlight";
    private static final int MAX_CONFLICT_RETRIES = 10;

    private final Supplier<DynamoDbClient> dynamoDb;
    private final String table;

    public DynamoDbDeploymentHistory(DynamoDbClient dynamoDb, String table) {
        this(() -> dynamoDb, table);
    }

    /** Builds the client only when the first call needs it: a cold start that makes no call does not pay for it. */
    public DynamoDbDeploymentHistory(Supplier<DynamoDbClient> dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean create(Deployment deployment) {
        try {
            AwsCalls.run("PutItem deployment " + deployment.id(), () -> dynamoDb.get().putItem(r -> r.tableName(table)
                    .item(DeploymentItems.toItem(deployment, 1))
                    .conditionExpression("attribute_not_exists(deploymentId)")));
            return true;
        } catch (AwsCallException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Deployment> find(String deploymentId) {
        return read(deploymentId).map(DeploymentItems::fromItem);
    }

    private Optional<Map<String, AttributeValue>> read(String deploymentId) {
        var response = AwsCalls.call("GetItem deployment " + deploymentId, () -> dynamoDb.get().getItem(r -> r.tableName(table)
                .key(Map.of("deploymentId", AttributeValue.fromS(deploymentId))).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    @Override
    public Deployment update(String deploymentId, UnaryOperator<Deployment> change) {
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> item = read(deploymentId).orElseThrow(() -> new IllegalStateException(
                    "no deployment record " + deploymentId + " in table " + table));
            long version = DeploymentItems.version(item);
            Deployment changed = change.apply(DeploymentItems.fromItem(item));
            try {
                AwsCalls.run("PutItem deployment " + deploymentId, () -> dynamoDb.get().putItem(r -> r.tableName(table)
                        .item(DeploymentItems.toItem(changed, version + 1))
                        .conditionExpression("#v = :v")
                        .expressionAttributeNames(Map.of("#v", DeploymentItems.VERSION))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version))))));
                return changed;
            } catch (AwsCallException e) {
                if (!(e.getCause() instanceof ConditionalCheckFailedException)) {
                    throw e;
                }
                if (attempt >= MAX_CONFLICT_RETRIES) {
                    throw new TransientAwsException("deployment " + deploymentId + " kept changing under us", e);
                }
            }
        }
    }

    @Override
    public List<Deployment> forService(String cluster, String service, int limit) {
        var response = AwsCalls.call("Query history of " + cluster + "/" + service, () -> dynamoDb.get().query(r -> r
                .tableName(table).indexName(BY_SERVICE_INDEX)
                .keyConditionExpression("serviceKey = :k")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(cluster + "/" + service)))
                .scanIndexForward(false)
                .limit(limit)));
        return response.items().stream().map(DeploymentItems::fromItem).toList();
    }

    @Override
    public List<Deployment> inFlight() {
        return AwsCalls.call("Query deployments in flight", () -> dynamoDb.get().queryPaginator(r -> r
                        .tableName(table).indexName(IN_FLIGHT_INDEX)
                        .keyConditionExpression("#f = :open")
                        .expressionAttributeNames(Map.of("#f", DeploymentItems.IN_FLIGHT))
                        .expressionAttributeValues(Map.of(":open", AttributeValue.fromS(DeploymentItems.IN_FLIGHT_VALUE)))
                        .scanIndexForward(true))
                .items().stream()
                // The index holds keys only; a record concluded since the index was written is no longer in flight.
                .map(key -> find(key.get("deploymentId").s()))
                .flatMap(Optional::stream)
                .filter(d -> !d.status().isFinal())
                .toList());
    }
}
