package dev.berth.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the fields the data plane cares about from CreateService / UpdateService requests and responses. */
final class ServiceRequestFields {

    /** ECS's cluster when a request names none. */
    static final String DEFAULT_CLUSTER = "default";

    private ServiceRequestFields() {}

    /** The key of a {@code service} object of a response (moto fills {@code clusterArn} and {@code serviceName}). */
    static Optional<ServiceKey> key(JsonNode service) {
        String clusterArn = service.path("clusterArn").asText("");
        String name = service.path("serviceName").asText("");
        return clusterArn.contains(":cluster/") && !name.isEmpty()
                ? Optional.of(new ServiceKey(clusterArn, name)) : Optional.empty();
    }

    /** Target-group entries of {@code loadBalancers}; classic load balancer entries have no targets to simulate. */
    static List<LoadBalancerBinding> loadBalancers(JsonNode loadBalancers) {
        List<LoadBalancerBinding> bindings = new ArrayList<>();
        for (JsonNode entry : loadBalancers) {
            String targetGroup = entry.path("targetGroupArn").asText("");
            if (!targetGroup.isEmpty()) {
                bindings.add(new LoadBalancerBinding(targetGroup, entry.path("containerName").asText(""),
                        entry.path("containerPort").asInt()));
            }
        }
        return bindings;
    }

    /** {@code deploymentConfiguration} laid over {@code base}: what the request leaves out stays as it was. */
    static RolloutSettings rollout(JsonNode configuration, RolloutSettings base) {
        JsonNode breaker = configuration.path("deploymentCircuitBreaker");
        return new RolloutSettings(
                configuration.path("minimumHealthyPercent").asInt(base.minimumHealthyPercent()),
                configuration.path("maximumPercent").asInt(base.maximumPercent()),
                breaker.path("enable").asBoolean(base.circuitBreakerEnabled()),
                breaker.path("rollback").asBoolean(base.rollback()));
    }

    static String text(JsonNode node, String field, String fallback) {
        String value = node.path(field).asText("");
        return value.isEmpty() ? fallback : value;
    }
}
