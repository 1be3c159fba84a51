package dev.berth.sandbox.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Writes the data plane's views in the ECS JSON 1.1 shapes (timestamps as epoch seconds, like ECS). */
final class EcsJson {

    private EcsJson() {}

    /** Replaces what moto cannot know in one element of {@code services} with the data plane's view. */
    static void overlayService(ObjectNode service, ServiceView view) {
        Optional<String> launchType = Optional.ofNullable(service.get("launchType")).map(node -> node.asText());
        service.put("desiredCount", view.desiredCount());
        service.put("runningCount", view.runningCount());
        service.put("pendingCount", view.pendingCount());
        service.put("taskDefinition", view.taskDefinitionArn());
        ArrayNode deployments = service.putArray("deployments");
        view.deployments().forEach(deployment -> deployments.add(deployment(deployment, launchType)));
        ArrayNode events = service.putArray("events");
        view.events().forEach(event -> events.addObject()
                .put("id", event.id())
                .put("createdAt", epochSeconds(event.createdAt()))
                .put("message", event.message()));
        // moto neither stores nor echoes deploymentConfiguration; keep whatever else it has there.
        ObjectNode configuration = service.get("deploymentConfiguration") instanceof ObjectNode existing
                ? existing : service.putObject("deploymentConfiguration");
        RolloutSettings rollout = view.rollout();
        configuration.put("maximumPercent", rollout.maximumPercent())
                .put("minimumHealthyPercent", rollout.minimumHealthyPercent());
        configuration.putObject("deploymentCircuitBreaker")
                .put("enable", rollout.circuitBreakerEnabled())
                .put("rollback", rollout.rollback());
    }

    static ObjectNode deployment(DeploymentView deployment, Optional<String> launchType) {
        ObjectNode node = Json.mapper().createObjectNode()
                .put("id", deployment.id())
                .put("status", deployment.status().name())
                .put("taskDefinition", deployment.taskDefinitionArn())
                .put("desiredCount", deployment.desiredCount())
                .put("pendingCount", deployment.pendingCount())
                .put("runningCount", deployment.runningCount())
                .put("failedTasks", deployment.failedTasks())
                .put("createdAt", epochSeconds(deployment.createdAt()))
                .put("updatedAt", epochSeconds(deployment.updatedAt()))
                .put("rolloutState", deployment.rolloutState().name())
                .put("rolloutStateReason", deployment.rolloutStateReason());
        launchType.ifPresent(type -> node.put("launchType", type));
        return node;
    }

    static ObjectNode task(TaskView task) {
        ServiceKey service = task.service();
        ObjectNode node = Json.mapper().createObjectNode()
                .put("taskArn", task.taskArn())
                .put("clusterArn", service.clusterArn())
                .put("taskDefinitionArn", task.taskDefinitionArn())
                .put("lastStatus", task.lastStatus().name())
                .put("desiredStatus", task.desiredStatus())
                .put("healthStatus", task.healthStatus())
                .put("startedBy", task.startedBy())
                .put("group", task.group())
                .put("launchType", task.launchType())
                .put("availabilityZone", service.region() + "a")
                .put("createdAt", epochSeconds(task.createdAt()));
        task.startedAt().ifPresent(at -> node.put("startedAt", epochSeconds(at)));
        task.stoppingAt().ifPresent(at -> node.put("stoppingAt", epochSeconds(at)));
        task.stoppedAt().ifPresent(at -> node.put("stoppedAt", epochSeconds(at)));
        task.stoppedReason().ifPresent(reason -> node.put("stoppedReason", reason));
        task.stopCode().ifPresent(code -> node.put("stopCode", code));

        String attachmentId = stableUuid(task.taskArn() + "/eni");
        ArrayNode containers = node.putArray("containers");
        for (TaskView.ContainerView container : task.containers()) {
            ObjectNode containerNode = containers.addObject()
                    .put("containerArn", "arn:aws:ecs:" + service.region() + ":" + service.account() + ":container/"
                            + service.clusterName() + "/" + task.taskId() + "/"
                            + stableUuid(task.taskArn() + "/" + container.name()))
                    .put("taskArn", task.taskArn())
                    .put("name", container.name())
                    .put("image", container.image())
                    .put("imageDigest", container.imageDigest())
                    .put("runtimeId", container.runtimeId())
                    .put("lastStatus", container.lastStatus())
                    .put("healthStatus", container.healthStatus());
            container.exitCode().ifPresent(code -> containerNode.put("exitCode", code));
            container.reason().ifPresent(reason -> containerNode.put("reason", reason));
            containerNode.putArray("networkInterfaces").addObject()
                    .put("attachmentId", attachmentId)
                    .put("privateIpv4Address", task.privateIp());
        }
        ObjectNode eni = node.putArray("attachments").addObject()
                .put("id", attachmentId)
                .put("type", "ElasticNetworkInterface")
                .put("status", switch (task.lastStatus()) {
                    case PROVISIONING -> "ATTACHING";
                    case PENDING, RUNNING, DEACTIVATING -> "ATTACHED";
                    case STOPPED -> "DELETED";
                });
        ArrayNode details = eni.putArray("details");
        details.addObject().put("name", "networkInterfaceId").put("value", "eni-" + task.taskId().substring(0, 17));
        details.addObject().put("name", "privateIPv4Address").put("value", task.privateIp());
        return node;
    }

    static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** ECS JSON timestamps: seconds since the epoch with millisecond decimals. */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /** The same input always gives the same id, so repeated DescribeTasks calls agree. */
    private static String stableUuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
