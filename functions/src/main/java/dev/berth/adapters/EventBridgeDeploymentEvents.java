package dev.berth.adapters;

import dev.berth.domain.deployment.Deployment;
import dev.berth.json.Json;
import dev.berth.ports.DeploymentEvents;
import dev.berth.ports.TransientAwsException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Publishes "Berth Deployment State Change" events (source {@code dev.berth}) for teams to wire notifications to. */
public final class EventBridgeDeploymentEvents implements DeploymentEvents {

    public static final String SOURCE = "dev.berth";
    public static final String DETAIL_TYPE = "Berth Deployment State Change";

    private final Supplier<EventBridgeClient> events;
    private final String busName;

    public EventBridgeDeploymentEvents(EventBridgeClient events, String busName) {
        this(() -> events, busName);
    }

    /** Builds the client only when the first call needs it: a cold start that makes no call does not pay for it. */
    public EventBridgeDeploymentEvents(Supplier<EventBridgeClient> events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public void publish(Deployment d) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("deploymentId", d.id());
        detail.put("cluster", d.cluster());
        detail.put("service", d.service());
        detail.put("status", d.status().name());
        d.reason().ifPresent(r -> detail.put("reason", r));
        detail.put("image", d.image());
        d.digest().ifPresent(v -> detail.put("digest", v));
        d.previousTaskDefinitionArn().ifPresent(v -> detail.put("previousTaskDefinitionArn", v));
        d.newTaskDefinitionArn().ifPresent(v -> detail.put("newTaskDefinitionArn", v));
        detail.put("trigger", Map.of("source", d.trigger().source(), "eventId", d.trigger().eventId()));
        String json;
        try {
            json = Json.mapper().writeValueAsString(detail);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write event detail", e);
        }
        var response = AwsCalls.call("PutEvents " + d.id(), () -> events.get().putEvents(r -> r.entries(e -> e
                .eventBusName(busName).source(SOURCE).detailType(DETAIL_TYPE).detail(json))));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().getFirst();
            throw new TransientAwsException("PutEvents " + d.id() + " failed: " + entry.errorCode() + ": " + entry.errorMessage(), null);
        }
    }
}
