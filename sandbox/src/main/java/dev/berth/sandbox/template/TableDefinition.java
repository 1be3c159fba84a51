package dev.berth.sandbox.template;

import java.util.List;
import java.util.Optional;

/**
 * A DynamoDB table of the template, reduced to what creating it needs (PITR, SSE, deletion
 * policies and tags do not change how the table behaves, so they are not carried).
 *
 * @param tableName   {@code TableName} if set, else the logical id
 * @param billingMode the template's {@code BillingMode}; {@code PAY_PER_REQUEST} when unset
 */
public record TableDefinition(String logicalId, String tableName, List<AttributeDefinition> attributes,
                              List<KeyElement> keySchema, List<SecondaryIndex> globalSecondaryIndexes,
                              List<SecondaryIndex> localSecondaryIndexes, String billingMode,
                              Optional<String> timeToLiveAttribute) {

    public TableDefinition {
        attributes = List.copyOf(attributes);
        keySchema = List.copyOf(keySchema);
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
        localSecondaryIndexes = List.copyOf(localSecondaryIndexes);
    }

    /** {@code AttributeName} and {@code AttributeType} ({@code S}, {@code N} or {@code B}). */
    public record AttributeDefinition(String name, String type) {}

    /** {@code AttributeName} and {@code KeyType} ({@code HASH} or {@code RANGE}). */
    public record KeyElement(String attributeName, String keyType) {}

    /** A global or local secondary index. */
    public record SecondaryIndex(String indexName, List<KeyElement> keySchema, String projectionType,
                                 List<String> nonKeyAttributes) {
        public SecondaryIndex {
            keySchema = List.copyOf(keySchema);
            nonKeyAttributes = List.copyOf(nonKeyAttributes);
        }
    }
}
