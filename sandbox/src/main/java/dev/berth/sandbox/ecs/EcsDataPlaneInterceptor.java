package dev.berth.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.FormParameters;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Puts the simulated data plane in front of moto: service changes reach moto first and then the data
 * plane; what moto cannot know (deployments, task counts, events, tasks, target health) is answered from
 * the data plane. Calls about anything the data plane does not simulate pass on untouched.
 */
public final class EcsDataPlaneInterceptor implements Interceptor {

    private static final System.Logger LOG = System.getLogger(EcsDataPlaneInterceptor.class.getName());
    private static final String ECS_JSON = "application/x-amz-json-1.1";

    private final EcsDataPlane plane;
    private final EcsTaskQueries taskQueries;

    public EcsDataPlaneInterceptor(EcsDataPlane plane) {
        this.plane = plane;
        this.taskQueries = new EcsTaskQueries(plane);
    }

    @Override
    public Optional<AwsResponse> handle(AwsRequest request, Upstream next) throws IOException {
        Optional<String> action = request.action(); // the gateway's RequestClassifier has read it
        if (action.isEmpty()) {
            return Optional.empty();
        }
        return switch (request.service()) {
            case "ecs" -> switch (action.get()) {
                case "CreateService" -> Optional.of(createService(request, next));
                case "UpdateService" -> Optional.of(updateService(request, next));
                case "DescribeServices" -> Optional.of(describeServices(request, next));
                case "DeleteService" -> Optional.of(deleteService(request, next));
                case "ListTasks" -> taskQueries.listTasks(request, next);
                case "DescribeTasks" -> taskQueries.describeTasks(request, next);
                case "StopTask" -> taskQueries.stopTask(request);
                default -> Optional.empty();
            };
            case "elasticloadbalancing" -> switch (action.get()) {
                case "DescribeTargetHealth" -> describeTargetHealth(request);
                case "ModifyTargetGroupAttributes" -> Optional.of(modifyTargetGroupAttributes(request, next));
                case "DeleteTargetGroup" -> Optional.of(deleteTargetGroup(request, next));
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }

    private AwsResponse createService(AwsRequest request, Upstream next) throws IOException {
        AwsResponse created = next.send(request);
        Optional<ServiceAnswer> parsed = ServiceAnswer.of(created);
        if (parsed.isEmpty()) {
            return created;
        }
        ServiceAnswer answer = parsed.get();
        JsonNode asked = Json.mapper().readTree(request.body());
        return answer.overlaid(created, plane.createService(spec(request, next, answer.key(), answer.service(), asked)));
    }

    private AwsResponse updateService(AwsRequest request, Upstream next) throws IOException {
        AwsResponse updated = next.send(request);
        Optional<ServiceAnswer> parsed = ServiceAnswer.of(updated);
        if (parsed.isEmpty()) {
            return updated;
        }
        ServiceAnswer answer = parsed.get();
        JsonNode asked = Json.mapper().readTree(request.body());
        Optional<ServiceView> current = plane.service(answer.key());
        ServiceView view;
        if (current.isEmpty()) {
            // A service moto has but the data plane never saw created (made before it started): adopt it.
            view = plane.createService(spec(request, next, answer.key(), answer.service(), asked));
        } else {
            boolean forced = asked.path("forceNewDeployment").asBoolean(false);
            // ECS resolves image tags again for a forced deployment: that is how a moved tag gets picked up.
            Optional<TaskDefinitionInfo> definition = asked.hasNonNull("taskDefinition")
                    ? Optional.of(lookUp(request, next, asked.get("taskDefinition").asText()))
                    : forced ? Optional.of(lookUp(request, next, current.get().taskDefinitionArn())) : Optional.empty();
            ServiceUpdate update = new ServiceUpdate(
                    asked.hasNonNull("desiredCount") ? OptionalInt.of(asked.get("desiredCount").asInt()) : OptionalInt.empty(),
                    definition,
                    forced,
                    asked.has("deploymentConfiguration")
                            ? Optional.of(ServiceRequestFields.rollout(asked.get("deploymentConfiguration"),
                                    current.get().rollout()))
                            : Optional.empty(),
                    asked.has("loadBalancers")
                            ? Optional.of(ServiceRequestFields.loadBalancers(asked.get("loadBalancers")))
                            : Optional.empty());
            view = plane.updateService(answer.key(), update).orElseThrow();
        }
        return answer.overlaid(updated, view);
    }

    private AwsResponse describeServices(AwsRequest request, Upstream next) throws IOException {
        AwsResponse described = next.send(request);
        Optional<ObjectNode> answer = successfulAnswer(described);
        if (answer.isEmpty()) {
            return described;
        }
        boolean changed = false;
        for (JsonNode service : answer.get().path("services")) {
            if (service instanceof ObjectNode object) {
                Optional<ServiceView> view = ServiceRequestFields.key(object).flatMap(plane::service);
                view.ifPresent(found -> EcsJson.overlayService(object, found));
                changed |= view.isPresent();
            }
        }
        return changed ? rewritten(described, answer.get()) : described;
    }

    private AwsResponse deleteService(AwsRequest request, Upstream next) throws IOException {
        AwsResponse deleted = next.send(request);
        ServiceAnswer.of(deleted).map(ServiceAnswer::key).ifPresent(plane::deleteService);
        return deleted;
    }

    private Optional<AwsResponse> describeTargetHealth(AwsRequest request) {
        FormParameters form = FormParameters.of(request.rawQuery(), request.bodyText());
        Optional<List<TargetView>> targets = form.first("TargetGroupArn").flatMap(plane::targetHealth);
        return targets.map(found -> AwsResponse.xml(200,
                TargetHealthXml.describeTargetHealth(found, form.members("Targets"))));
    }

    /**
     * moto keeps the attributes (and validates them: 0 to 3600 s); once it accepted them, the data plane
     * drains that target group's deregistered targets for the delay asked.
     */
    private AwsResponse modifyTargetGroupAttributes(AwsRequest request, Upstream next) throws IOException {
        AwsResponse answer = next.send(request);
        if (answer.status() != 200) {
            return answer;
        }
        FormParameters form = FormParameters.of(request.rawQuery(), request.bodyText());
        Optional<String> targetGroup = form.first("TargetGroupArn");
        for (Map<String, String> attribute : form.members("Attributes")) {
            if (targetGroup.isPresent() && TargetGroupSettings.DEREGISTRATION_DELAY.equals(attribute.get("Key"))) {
                parseSeconds(attribute.get("Value")).ifPresent(delay -> plane.deregistrationDelay(targetGroup.get(), delay));
            }
        }
        return answer;
    }

    private AwsResponse deleteTargetGroup(AwsRequest request, Upstream next) throws IOException {
        AwsResponse answer = next.send(request);
        if (answer.status() == 200) {
            FormParameters.of(request.rawQuery(), request.bodyText()).first("TargetGroupArn")
                    .ifPresent(plane::targetGroupDeleted);
        }
        return answer;
    }

    private static Optional<Duration> parseSeconds(String value) {
        try {
            long seconds = Long.parseLong(value == null ? "" : value.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return Optional.empty(); // moto accepted it, so this is unexpected; keep the pace's delay
        }
    }

    private ServiceSpec spec(AwsRequest request, Upstream next, ServiceKey key, ObjectNode service, JsonNode asked)
            throws IOException {
        String definition = ServiceRequestFields.text(asked, "taskDefinition",
                service.path("taskDefinition").asText(""));
        JsonNode loadBalancers = asked.has("loadBalancers") ? asked.get("loadBalancers") : service.path("loadBalancers");
        RolloutSettings rollout = ServiceRequestFields.rollout(asked.path("deploymentConfiguration"),
                ServiceRequestFields.rollout(service.path("deploymentConfiguration"), RolloutSettings.defaults()));
        return new ServiceSpec(key, service.path("serviceArn").asText(), service.path("desiredCount").asInt(0),
                lookUp(request, next, definition), ServiceRequestFields.loadBalancers(loadBalancers), rollout,
                ServiceRequestFields.text(service, "launchType", "EC2"));
    }

    /**
     * The task definition's containers, their images resolved in the sandbox's ECR as ECS does when a
     * deployment starts; if moto cannot say (it just accepted the definition, so this is unexpected), the
     * service still runs, as a healthy image without containers.
     */
    private static TaskDefinitionInfo lookUp(AwsRequest request, Upstream next, String reference) {
        try {
            return new EcrImages(next).resolve(TaskDefinitionLookup.describe(request, next, reference));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot describe task definition " + reference
                    + "; its tasks will behave as healthy", e);
            return new TaskDefinitionInfo(reference, List.of());
        }
    }

    /** moto's answer as a JSON object, when it succeeded. */
    static Optional<ObjectNode> successfulAnswer(AwsResponse response) throws IOException {
        if (response.status() != 200) {
            return Optional.empty();
        }
        return Json.mapper().readTree(response.body()) instanceof ObjectNode body ? Optional.of(body) : Optional.empty();
    }

    /** moto's successful answer to CreateService, UpdateService or DeleteService: its {@code service} and that service's key. */
    private record ServiceAnswer(ObjectNode body, ObjectNode service, ServiceKey key) {

        static Optional<ServiceAnswer> of(AwsResponse response) throws IOException {
            return successfulAnswer(response).flatMap(body -> body.get("service") instanceof ObjectNode service
                    ? ServiceRequestFields.key(service).map(key -> new ServiceAnswer(body, service, key))
                    : Optional.empty());
        }

        /** moto's answer with the data plane's view of the service laid over it. */
        AwsResponse overlaid(AwsResponse response, ServiceView view) {
            EcsJson.overlayService(service, view);
            return rewritten(response, body);
        }
    }

    /** An ECS JSON answer made here. */
    static AwsResponse json(ObjectNode body) {
        return new AwsResponse(200, Map.of("content-type", List.of(ECS_JSON),
                "x-amzn-requestid", List.of(UUID.randomUUID().toString())), EcsJson.bytes(body));
    }

    /** moto's answer with a new body: its headers, less the length that no longer holds. */
    static AwsResponse rewritten(AwsResponse original, ObjectNode body) {
        Map<String, List<String>> headers = new HashMap<>(original.headers());
        headers.remove("content-length");
        headers.remove("content-md5");
        headers.remove("x-amz-crc32");
        headers.putIfAbsent("content-type", List.of(ECS_JSON));
        return new AwsResponse(original.status(), Map.copyOf(headers), EcsJson.bytes(body));
    }
}
