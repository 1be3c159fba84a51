package dev.berth.adapters;

import dev.berth.json.Json;
import dev.berth.workflow.StrategySettings;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.target.TagPolicy;
import dev.berth.domain.target.Target;
import dev.berth.ports.TargetCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link TargetCatalog} in a DynamoDB table partitioned by repository: a push reads one partition. */
public final class DynamoDbTargetCatalog implements TargetCatalog {

    private final Supplier<DynamoDbClient> dynamoDb;
    private final String table;

    public DynamoDbTargetCatalog(DynamoDbClient dynamoDb, String table) {
        this(() -> dynamoDb, table);
    }

    /** Builds the client only when the first call needs it: a cold start that makes no call does not pay for it. */
    public DynamoDbTargetCatalog(Supplier<DynamoDbClient> dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public List<Target> following(String repository) {
        return AwsCalls.call("Query targets of " + repository, () -> dynamoDb.get().queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("repository = :r")
                        .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(repository))))
                .items().stream().map(DynamoDbTargetCatalog::fromItem).toList());
    }

    @Override
    public void put(Target target) {
        AwsCalls.run("PutItem target " + target.key(), () -> dynamoDb.get().putItem(r -> r.tableName(table).item(toItem(target))));
    }

    static Map<String, AttributeValue> toItem(Target t) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("repository", AttributeValue.fromS(t.repository()));
        item.put("targetKey", AttributeValue.fromS(t.key()));
        item.put("tagPolicyKind", AttributeValue.fromS(t.tagPolicy().kind()));
        item.put("tagPolicy", AttributeValue.fromS(t.tagPolicy().expression()));
        item.put("cluster", AttributeValue.fromS(t.cluster()));
        item.put("service", AttributeValue.fromS(t.service()));
        item.put("containers", AttributeValue.fromL(t.containers().stream().map(AttributeValue::fromS).toList()));
        item.put("strategy", AttributeValue.fromM(switch (t.strategy()) {
            case Strategy.Rolling r -> Map.of(
                    "name", AttributeValue.fromS(r.name()),
                    "healthDeadlineSeconds", AttributeValue.fromN(Long.toString(r.healthDeadline().toSeconds())),
                    "pollIntervalSeconds", AttributeValue.fromN(Long.toString(r.pollInterval().toSeconds())),
                    "failureThreshold", AttributeValue.fromN(Integer.toString(r.failureThreshold())),
                    "settleSeconds", AttributeValue.fromN(Long.toString(r.settlePeriod().toSeconds())));
            // Blue/green's settings are many and nested: kept as the JSON the state machine carries, read back the same way.
            case Strategy.BlueGreen b -> Map.of(
                    "name", AttributeValue.fromS(b.name()),
                    "settings", AttributeValue.fromS(Json.write(StrategySettings.of(b, t.concurrencyPolicy()))));
        }));
        item.put("concurrencyPolicy", AttributeValue.fromS(t.concurrencyPolicy().configName()));
        return item;
    }

    static Target fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> strategy = item.get("strategy").m();
        String name = strategy.get("name").s();
        Strategy parsed = switch (name) {
            case "rolling" -> {
                Duration deadline = Duration.ofSeconds(Long.parseLong(strategy.get("healthDeadlineSeconds").n()));
                // Targets stored before the threshold or the settle period existed judge with the defaults.
                yield new Strategy.Rolling(deadline,
                        Duration.ofSeconds(Long.parseLong(strategy.get("pollIntervalSeconds").n())),
                        Optional.ofNullable(strategy.get("failureThreshold")).map(v -> Integer.parseInt(v.n()))
                                .orElse(Strategy.Rolling.DEFAULT_FAILURE_THRESHOLD),
                        Optional.ofNullable(strategy.get("settleSeconds")).map(v -> Duration.ofSeconds(Long.parseLong(v.n())))
                                .orElseGet(() -> Strategy.Rolling.defaultSettle(deadline)));
            }
            case "blue-green" -> Json.read(strategy.get("settings").s(), StrategySettings.class).strategy();
            default -> throw new IllegalStateException("target " + item.get("targetKey").s() + " has unknown strategy " + name);
        };
        return new Target(item.get("repository").s(),
                TagPolicy.parse(item.get("tagPolicyKind").s(), item.get("tagPolicy").s()),
                item.get("cluster").s(), item.get("service").s(),
                item.get("containers").l().stream().map(AttributeValue::s).toList(), parsed,
                Optional.ofNullable(item.get("concurrencyPolicy")).map(v -> ConcurrencyPolicy.parse(v.s()))
                        .orElse(ConcurrencyPolicy.SUPERSEDE));
    }
}
