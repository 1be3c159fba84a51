package dev.berth.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Upstream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** ListTasks, DescribeTasks and StopTask for the tasks of simulated services; other tasks stay moto's. */
final class EcsTaskQueries {

    private final EcsDataPlane plane;

    EcsTaskQueries(EcsDataPlane plane) {
        this.plane = plane;
    }

    /**
     * A ListTasks for a simulated service is answered here; one for a whole cluster that holds simulated
     * services gets their tasks added to moto's list; anything else passes on.
     */
    Optional<AwsResponse> listTasks(AwsRequest request, Upstream next) throws IOException {
        JsonNode body = Json.mapper().readTree(request.body());
        String cluster = ServiceRequestFields.text(body, "cluster", ServiceRequestFields.DEFAULT_CLUSTER);
        Predicate<TaskView> wanted = listFilter(body);
        Optional<String> serviceName = Optional.of(body.path("serviceName").asText("")).filter(name -> !name.isEmpty());
        if (serviceName.isPresent()) {
            Optional<ServiceKey> service = plane.findService(cluster, serviceName.get());
            if (service.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode answer = Json.mapper().createObjectNode();
            ArrayNode arns = answer.putArray("taskArns");
            plane.tasks(service.get()).stream().filter(wanted).forEach(task -> arns.add(task.taskArn()));
            return Optional.of(EcsDataPlaneInterceptor.json(answer));
        }
        if (!plane.knowsCluster(cluster)) {
            return Optional.empty();
        }
        AwsResponse upstream = next.send(request);
        Optional<ObjectNode> parsed = EcsDataPlaneInterceptor.successfulAnswer(upstream);
        if (parsed.isEmpty() || parsed.get().hasNonNull("nextToken")) {
            // Add ours once, on the last page of moto's answer.
            return Optional.of(upstream);
        }
        ObjectNode answer = parsed.get();
        ArrayNode arns = answer.get("taskArns") instanceof ArrayNode existing ? existing : answer.putArray("taskArns");
        plane.tasksInCluster(cluster).stream().filter(wanted).forEach(task -> arns.add(task.taskArn()));
        return Optional.of(EcsDataPlaneInterceptor.rewritten(upstream, answer));
    }

    /** Describes simulated tasks here; when the request also names others, moto describes those. */
    Optional<AwsResponse> describeTasks(AwsRequest request, Upstream next) throws IOException {
        JsonNode body = Json.mapper().readTree(request.body());
        String cluster = ServiceRequestFields.text(body, "cluster", ServiceRequestFields.DEFAULT_CLUSTER);
        List<TaskView> known = plane.tasksInCluster(cluster);
        List<TaskView> found = new ArrayList<>();
        boolean othersAsked = false;
        for (JsonNode reference : body.path("tasks")) {
            String wanted = reference.asText();
            Optional<TaskView> task = known.stream()
                    .filter(candidate -> candidate.taskArn().equals(wanted) || candidate.taskId().equals(wanted))
                    .findFirst();
            task.ifPresent(found::add);
            othersAsked |= task.isEmpty();
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<AwsResponse> upstream = othersAsked ? Optional.of(next.send(request)) : Optional.empty();
        ObjectNode answer;
        if (upstream.isPresent()) {
            Optional<ObjectNode> parsed = EcsDataPlaneInterceptor.successfulAnswer(upstream.get());
            if (parsed.isEmpty()) {
                return upstream;
            }
            answer = parsed.get();
        } else {
            answer = Json.mapper().createObjectNode();
        }
        ArrayNode tasks = answer.get("tasks") instanceof ArrayNode existing ? existing : answer.putArray("tasks");
        found.forEach(task -> tasks.add(EcsJson.task(task)));
        Set<String> ours = new HashSet<>();
        found.forEach(task -> {
            ours.add(task.taskArn());
            ours.add(task.taskId());
        });
        ArrayNode failures = Json.mapper().createArrayNode();
        answer.path("failures").forEach(failure -> {
            if (!ours.contains(failure.path("arn").asText())) {
                failures.add(failure);
            }
        });
        answer.set("failures", failures);
        return Optional.of(upstream.map(response -> EcsDataPlaneInterceptor.rewritten(response, answer))
                .orElseGet(() -> EcsDataPlaneInterceptor.json(answer)));
    }

    /** StopTask of a simulated task is done here, its answer the task as it stops; any other passes on to moto. */
    Optional<AwsResponse> stopTask(AwsRequest request) throws IOException {
        JsonNode body = Json.mapper().readTree(request.body());
        String cluster = ServiceRequestFields.text(body, "cluster", ServiceRequestFields.DEFAULT_CLUSTER);
        String reason = ServiceRequestFields.text(body, "reason", "Task stopped by user");
        return plane.stopTask(cluster, body.path("task").asText(""), reason).map(task -> {
            ObjectNode answer = Json.mapper().createObjectNode();
            answer.set("task", EcsJson.task(task));
            return EcsDataPlaneInterceptor.json(answer);
        });
    }

    /** ListTasks's filters: desiredStatus (RUNNING unless asked otherwise), family, startedBy, launchType. */
    private static Predicate<TaskView> listFilter(JsonNode body) {
        String desiredStatus = ServiceRequestFields.text(body, "desiredStatus", "RUNNING");
        Optional<String> family = optional(body, "family");
        Optional<String> startedBy = optional(body, "startedBy");
        Optional<String> launchType = optional(body, "launchType");
        return task -> task.desiredStatus().equals(desiredStatus)
                && family.map(wanted -> familyOf(task.taskDefinitionArn()).equals(wanted)).orElse(true)
                && startedBy.map(wanted -> task.startedBy().equals(wanted)).orElse(true)
                && launchType.map(wanted -> task.launchType().equals(wanted)).orElse(true);
    }

    private static Optional<String> optional(JsonNode body, String field) {
        return Optional.of(body.path(field).asText("")).filter(value -> !value.isEmpty());
    }

    private static String familyOf(String taskDefinitionArn) {
        return new TaskDefinitionInfo(taskDefinitionArn, List.of()).family();
    }
}
