package dev.berth.adapters;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.deployment.Trigger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB item shape of a deployment record (attribute names are part of the stored format). */
final class DeploymentItems {

    static final String VERSION = "version";
    /**
     * {@code startedAt} is the {@code byService} index's sort key, compared as text: always nine fractional digits,
     * because {@link Instant#toString()} writes 0, 3, 6 or 9 and "…:56Z" would sort after "…:56.5Z".
     */
    private static final DateTimeFormatter SORTABLE_INSTANT = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();

    private DeploymentItems() {}

    static Map<String, AttributeValue> toItem(Deployment d, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("deploymentId", s(d.id()));
        item.put("serviceKey", s(d.serviceKey()));
        item.put("cluster", s(d.cluster()));
        item.put("service", s(d.service()));
        item.put("triggerSource", s(d.trigger().source()));
        item.put("triggerEventId", s(d.trigger().eventId()));
        item.put("triggerActor", s(d.trigger().actor()));
        item.put("image", s(d.image()));
        d.digest().ifPresent(v -> item.put("digest", s(v)));
        item.put("strategy", s(d.strategy()));
        d.previousTaskDefinitionArn().ifPresent(v -> item.put("previousTaskDefinitionArn", s(v)));
        d.newTaskDefinitionArn().ifPresent(v -> item.put("newTaskDefinitionArn", s(v)));
        item.put("status", s(d.status().name()));
        d.reason().ifPresent(v -> item.put("reason", s(v)));
        item.put("startedAt", s(SORTABLE_INSTANT.format(d.startedAt())));
        d.finishedAt().ifPresent(v -> item.put("finishedAt", s(v.toString())));
        item.put("timeline", AttributeValue.fromL(d.timeline().stream()
                .map(e -> AttributeValue.fromM(Map.of("at", s(e.at().toString()), "step", s(e.step()), "detail", s(e.detail()))))
                .toList()));
        item.put(VERSION, AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    static Deployment fromItem(Map<String, AttributeValue> item) {
        List<TimelineEntry> timeline = item.getOrDefault("timeline", AttributeValue.fromL(List.of())).l().stream()
                .map(AttributeValue::m)
                .map(m -> new TimelineEntry(Instant.parse(m.get("at").s()), m.get("step").s(), m.get("detail").s()))
                .toList();
        return new Deployment(
                str(item, "deploymentId"), str(item, "cluster"), str(item, "service"),
                new Trigger(str(item, "triggerSource"), str(item, "triggerEventId"), str(item, "triggerActor")),
                str(item, "image"), opt(item, "digest"), str(item, "strategy"),
                opt(item, "previousTaskDefinitionArn"), opt(item, "newTaskDefinitionArn"),
                DeploymentStatus.valueOf(str(item, "status")), opt(item, "reason"),
                Instant.parse(str(item, "startedAt")), opt(item, "finishedAt").map(Instant::parse), timeline);
    }

    static long version(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(VERSION);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        return opt(item, name).orElseThrow(() -> new IllegalStateException(
                "deployment record " + item.get("deploymentId") + " has no " + name));
    }

    private static Optional<String> opt(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }
}
