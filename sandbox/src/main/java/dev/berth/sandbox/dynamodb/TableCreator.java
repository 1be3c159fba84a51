package dev.berth.sandbox.dynamodb;

import dev.berth.sandbox.template.TableDefinition;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * Creates the template's tables with the template's keys and indexes. Always on-demand: DynamoDB
 * Local does not throttle, so provisioned capacity would change nothing but the request shape.
 * PITR and SSE are left out: DynamoDB Local neither needs nor models them.
 */
public final class TableCreator {

    private final DynamoDbClient dynamoDb;

    public TableCreator(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** Creates the table (and its TTL setting); DynamoDB Local creates tables ACTIVE at once. */
    public void create(TableDefinition table) {
        dynamoDb.createTable(request(table));
        table.timeToLiveAttribute().ifPresent(attribute -> dynamoDb.updateTimeToLive(b -> b
                .tableName(table.tableName())
                .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(attribute).enabled(true).build())));
    }

    /** Drops the table with its items, if it exists, and creates it again empty. */
    public void recreate(TableDefinition table) {
        try {
            dynamoDb.deleteTable(b -> b.tableName(table.tableName()));
        } catch (ResourceNotFoundException absent) {
            // Nothing to drop.
        }
        create(table);
    }

    static CreateTableRequest request(TableDefinition table) {
        var builder = CreateTableRequest.builder()
                .tableName(table.tableName())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(table.attributes().stream()
                        .map(a -> AttributeDefinition.builder().attributeName(a.name()).attributeType(a.type()).build())
                        .toList())
                .keySchema(keySchema(table.keySchema()));
        if (!table.globalSecondaryIndexes().isEmpty()) {
            builder.globalSecondaryIndexes(table.globalSecondaryIndexes().stream()
                    .map(index -> GlobalSecondaryIndex.builder()
                            .indexName(index.indexName())
                            .keySchema(keySchema(index.keySchema()))
                            .projection(projection(index))
                            .build())
                    .toList());
        }
        if (!table.localSecondaryIndexes().isEmpty()) {
            builder.localSecondaryIndexes(table.localSecondaryIndexes().stream()
                    .map(index -> LocalSecondaryIndex.builder()
                            .indexName(index.indexName())
                            .keySchema(keySchema(index.keySchema()))
                            .projection(projection(index))
                            .build())
                    .toList());
        }
        return builder.build();
    }

    private static List<KeySchemaElement> keySchema(List<TableDefinition.KeyElement> keys) {
        return keys.stream()
                .map(k -> KeySchemaElement.builder().attributeName(k.attributeName()).keyType(k.keyType()).build())
                .toList();
    }

    private static Projection projection(TableDefinition.SecondaryIndex index) {
        var projection = Projection.builder().projectionType(index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            projection.nonKeyAttributes(index.nonKeyAttributes());
        }
        return projection.build();
    }
}
