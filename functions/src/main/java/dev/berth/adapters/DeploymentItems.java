package dev.berth.adapters;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.Progress;
import dev.berth.domain.plan.Phase;
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
     * Present only while the deployment is not final, with this one value: the key of the sparse
     * {@code inFlight} index, so the sweeper reads in-flight deployments without scanning the history.
     */
    static final String IN_FLIGHT = "inFlight";
    static final String IN_FLIGHT_VALUE = "open";
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
        d.rollbackTaskDefinitionArn().ifPresent(v -> item.put("rollbackTaskDefinitionArn", s(v)));
        item.put("status", s(d.status().name()));
        if (!d.status().isFinal()) {
            item.put(IN_FLIGHT, s(IN_FLIGHT_VALUE));
        }
        d.progress().ifPresent(p -> item.put("progress", AttributeValue.fromM(Map.of(
                "phase", s(p.phase().name()), "index", AttributeValue.fromN(Integer.toString(p.index())),
                "step", s(p.step()), "startedAt", s(p.startedAt().toString()), "rollbackCause", s(p.rollbackCause())))));
        d.pendingExecution().ifPresent(v -> item.put("pendingExecution", s(v)));
        d.newColor().ifPresent(v -> item.put("newColor", s(v)));
        d.gateToken().ifPresent(v -> item.put("gateToken", s(v)));
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
                opt(item, "previousTaskDefinitionArn"), opt(item, "newTaskDefinitionArn"), opt(item, "rollbackTaskDefinitionArn"),
                DeploymentStatus.valueOf(str(item, "status")), opt(item, "reason"),
                Instant.parse(str(item, "startedAt")), opt(item, "finishedAt").map(Instant::parse),
                Optional.ofNullable(item.get("progress")).map(AttributeValue::m).map(DeploymentItems::progress),
                timeline, opt(item, "pendingExecution"), opt(item, "newColor"), opt(item, "gateToken"));
    }

    private static Progress progress(Map<String, AttributeValue> p) {
        return new Progress(Phase.valueOf(p.get("phase").s()), Integer.parseInt(p.get("index").n()), p.get("step").s(),
                Instant.parse(p.get("startedAt").s()), p.get("rollbackCause").s());
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
