package dev.berth.adapters;

import dev.berth.domain.lease.Claim;
import dev.berth.domain.lease.Lease;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB item shape of a service lease (attribute names are part of the stored format). */
final class LeaseItems {

    static final String KEY = "serviceKey";
    static final String VERSION = "version";

    private LeaseItems() {}

    static Map<String, AttributeValue> toItem(Lease lease, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, AttributeValue.fromS(lease.serviceKey()));
        lease.owner().ifPresent(owner -> {
            item.put("ownerId", AttributeValue.fromS(owner.deploymentId()));
            item.put("ownerPrecedence", AttributeValue.fromS(owner.precedence()));
        });
        item.put("expiresAt", AttributeValue.fromS(lease.expiresAt().toString()));
        lease.waiting().ifPresent(waiting -> {
            item.put("waitingId", AttributeValue.fromS(waiting.deploymentId()));
            item.put("waitingPrecedence", AttributeValue.fromS(waiting.precedence()));
        });
        item.put("stopRequested", AttributeValue.fromBool(lease.stopRequested()));
        lease.newestAcquired().ifPresent(newest -> {
            item.put("newestId", AttributeValue.fromS(newest.deploymentId()));
            item.put("newestPrecedence", AttributeValue.fromS(newest.precedence()));
        });
        item.put(VERSION, AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    static Lease fromItem(Map<String, AttributeValue> item) {
        return new Lease(item.get(KEY).s(), claim(item, "ownerId", "ownerPrecedence"),
                Instant.parse(item.get("expiresAt").s()), claim(item, "waitingId", "waitingPrecedence"),
                Optional.ofNullable(item.get("stopRequested")).map(AttributeValue::bool).orElse(false),
                claim(item, "newestId", "newestPrecedence"));
    }

    static long version(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(VERSION);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static Optional<Claim> claim(Map<String, AttributeValue> item, String id, String precedence) {
        return Optional.ofNullable(item.get(id)).map(value -> new Claim(value.s(), item.get(precedence).s()));
    }
}
