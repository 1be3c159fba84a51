package dev.berth.adapters;

import dev.berth.domain.lease.Acquisition;
import dev.berth.domain.lease.Claim;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.lease.Lease;
import dev.berth.domain.lease.LeaseRules;
import dev.berth.domain.lease.Renewal;
import dev.berth.ports.AwsCallException;
import dev.berth.ports.ServiceLeases;
import dev.berth.ports.TransientAwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link ServiceLeases} in a DynamoDB table keyed by {@code serviceKey}. Every operation reads the
 * lease strongly consistently (never an index), decides with {@link LeaseRules}, and writes back on
 * condition of the version it read: two deployments racing for one service cannot both win.
 */
public final class DynamoDbServiceLeases implements ServiceLeases {

    private static final int MAX_CONFLICT_RETRIES = 10;

    private final Supplier<DynamoDbClient> dynamoDb;
    private final String table;

    public DynamoDbServiceLeases(DynamoDbClient dynamoDb, String table) {
        this(() -> dynamoDb, table);
    }

    /** Builds the client only when the first call needs it. */
    public DynamoDbServiceLeases(Supplier<DynamoDbClient> dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Acquisition acquire(String serviceKey, Claim claim, ConcurrencyPolicy policy, Instant now, Duration hold) {
        return change(serviceKey, lease -> LeaseRules.acquire(lease, claim, policy, now, hold), Acquisition::lease);
    }

    @Override
    public Renewal renew(String serviceKey, String deploymentId, Instant now, Duration hold) {
        return change(serviceKey, lease -> LeaseRules.renew(lease, deploymentId, now, hold), renewal -> switch (renewal) {
            case Renewal.Held held -> held.lease();
            case Renewal.Lost lost -> lost.lease();
        });
    }

    @Override
    public void release(String serviceKey, String deploymentId) {
        change(serviceKey, lease -> LeaseRules.release(lease, deploymentId), Function.identity());
    }

    @Override
    public Optional<Lease> find(String serviceKey) {
        return read(serviceKey).map(LeaseItems::fromItem);
    }

    /** Read, decide, write on the version read; a lost race decides again on what won it. */
    private <R> R change(String serviceKey, Function<Lease, R> decide, Function<R, Lease> toStore) {
        for (int attempt = 1; ; attempt++) {
            Optional<Map<String, AttributeValue>> item = read(serviceKey);
            Lease current = item.map(LeaseItems::fromItem).orElseGet(() -> Lease.free(serviceKey));
            long version = item.map(LeaseItems::version).orElse(0L);
            R decision = decide.apply(current);
            Lease next = toStore.apply(decision);
            if (next.equals(current)) {
                return decision;
            }
            try {
                write(next, version);
                return decision;
            } catch (AwsCallException e) {
                if (!(e.getCause() instanceof ConditionalCheckFailedException)) {
                    throw e;
                }
                if (attempt >= MAX_CONFLICT_RETRIES) {
                    throw new TransientAwsException("lease of " + serviceKey + " kept changing under us", e);
                }
            }
        }
    }

    private Optional<Map<String, AttributeValue>> read(String serviceKey) {
        var response = AwsCalls.call("GetItem lease " + serviceKey, () -> dynamoDb.get().getItem(r -> r.tableName(table)
                .key(Map.of(LeaseItems.KEY, AttributeValue.fromS(serviceKey))).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private void write(Lease lease, long version) {
        Map<String, AttributeValue> values = new HashMap<>();
        String condition;
        if (version == 0) {
            condition = "attribute_not_exists(#k)";
        } else {
            condition = "#v = :v";
            values.put(":v", AttributeValue.fromN(Long.toString(version)));
        }
        Map<String, String> names = version == 0 ? Map.of("#k", LeaseItems.KEY) : Map.of("#v", LeaseItems.VERSION);
        AwsCalls.run("PutItem lease " + lease.serviceKey(), () -> dynamoDb.get().putItem(r -> {
            r.tableName(table).item(LeaseItems.toItem(lease, version + 1)).conditionExpression(condition)
                    .expressionAttributeNames(names);
            if (!values.isEmpty()) {
                r.expressionAttributeValues(values);
            }
        }));
    }
}
