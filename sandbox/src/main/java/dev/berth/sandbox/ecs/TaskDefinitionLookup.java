package dev.berth.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Upstream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Asks the control plane (moto) which containers and images a task definition has. */
final class TaskDefinitionLookup {

    static final String ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    /** What tells the emulator who asks and where: it reads the region and account from these. */
    private static final List<String> IDENTITY_HEADERS =
            List.of("authorization", "x-amz-date", "x-amz-security-token", "x-moto-account-id");

    private TaskDefinitionLookup() {}

    /** {@code DescribeTaskDefinition} of {@code reference} (ARN, family:revision or family) as the caller. */
    static TaskDefinitionInfo describe(AwsRequest caller, Upstream next, String reference) throws IOException {
        ObjectNode body = Json.mapper().createObjectNode().put("taskDefinition", reference);
        AwsResponse response = next.send(ecsCall(caller, "DescribeTaskDefinition", body));
        if (response.status() != 200) {
            throw new IOException("DescribeTaskDefinition " + reference + " answered " + response.status() + ": "
                    + response.bodyText());
        }
        JsonNode definition = Json.mapper().readTree(response.body()).path("taskDefinition");
        List<TaskDefinitionInfo.ContainerInfo> containers = new ArrayList<>();
        for (JsonNode container : definition.path("containerDefinitions")) {
            containers.add(new TaskDefinitionInfo.ContainerInfo(container.path("name").asText(),
                    container.path("image").asText(),
                    // ECS treats a container as essential unless it says otherwise.
                    container.path("essential").asBoolean(true),
                    healthCheck(container)));
        }
        return new TaskDefinitionInfo(definition.path("taskDefinitionArn").asText(reference), containers,
                TaskPlatform.of(definition));
    }

    /** A container definition's health check: ECS runs one when the definition gives its command. */
    static Optional<ContainerHealthCheck> healthCheck(JsonNode containerDefinition) {
        JsonNode healthCheck = containerDefinition.path("healthCheck");
        return healthCheck.path("command").isArray() ? Optional.of(ContainerHealthCheck.of(healthCheck)) : Optional.empty();
    }

    /** An ECS JSON 1.1 call made on behalf of {@code caller}, to send through the upstream. */
    static AwsRequest ecsCall(AwsRequest caller, String action, ObjectNode body) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("content-type", List.of("application/x-amz-json-1.1"));
        headers.put("x-amz-target", List.of(ECS_TARGET_PREFIX + action));
        for (String name : IDENTITY_HEADERS) {
            caller.header(name).ifPresent(value -> headers.put(name, List.of(value)));
        }
        return new AwsRequest("POST", "/", "", Map.copyOf(headers), body.toString().getBytes(StandardCharsets.UTF_8),
                "ecs", Optional.of(action));
    }
}
