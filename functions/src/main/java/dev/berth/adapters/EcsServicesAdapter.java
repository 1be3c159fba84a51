package dev.berth.adapters;

import dev.berth.domain.health.ContainerChecks;
import dev.berth.domain.health.EcsDeploymentView;
import dev.berth.ports.AwsCallException;
import dev.berth.ports.EcsServices;
import dev.berth.ports.ServiceState;
import dev.berth.ports.TaskDefinitionDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import dev.berth.domain.health.TaskView;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/** {@link EcsServices} on the ECS API. */
public final class EcsServicesAdapter implements EcsServices {

    /** Revisions a function instance judges are few; enough to never describe one twice in a deployment. */
    private static final int KNOWN_CHECKS_LIMIT = 64;

    private final Supplier<EcsClient> ecs;
    private final Map<String, ContainerChecks> knownChecks = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ContainerChecks> eldest) {
                    return size() > KNOWN_CHECKS_LIMIT;
                }
            });

    public EcsServicesAdapter(EcsClient ecs) {
        this(() -> ecs);
    }

    /** Builds the client only when the first call needs it: a cold start that makes no call does not pay for it. */
    public EcsServicesAdapter(Supplier<EcsClient> ecs) {
        this.ecs = ecs;
    }

    @Override
    public ServiceState describeService(String cluster, String service) {
        DescribeServicesResponse response = AwsCalls.call("DescribeServices " + cluster + "/" + service,
                () -> ecs.get().describeServices(r -> r.cluster(cluster).services(service)));
        Service found = response.services().stream()
                .filter(s -> !"INACTIVE".equals(s.status()))
                .findFirst()
                .orElseThrow(() -> new AwsCallException("ECS service " + service + " not found in cluster " + cluster
                        + response.failures().stream().findFirst().map(f -> " (" + f.reason() + ")").orElse(""), null));
        var breaker = found.deploymentConfiguration() == null ? null : found.deploymentConfiguration().deploymentCircuitBreaker();
        return new ServiceState(found.clusterArn(), found.serviceArn(), found.serviceName(), found.taskDefinition(),
                found.desiredCount() == null ? 0 : found.desiredCount(),
                found.deployments().stream().map(EcsServicesAdapter::view).toList(),
                found.loadBalancers().stream().map(LoadBalancer::targetGroupArn)
                        .filter(arn -> arn != null && !arn.isBlank()).distinct().toList(),
                breaker != null && Boolean.TRUE.equals(breaker.enable()) && Boolean.TRUE.equals(breaker.rollback()),
                found.status(), Optional.ofNullable(found.deploymentController()).map(c -> c.typeAsString()));
    }

    private static EcsDeploymentView view(Deployment d) {
        return new EcsDeploymentView(d.id(), d.status(), d.taskDefinition(),
                Optional.ofNullable(d.rolloutStateAsString()), Optional.ofNullable(d.rolloutStateReason()),
                orZero(d.desiredCount()), orZero(d.runningCount()), orZero(d.pendingCount()), orZero(d.failedTasks()));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    @Override
    public TaskDefinitionDocument describeTaskDefinition(String taskDefinitionArn) {
        DescribeTaskDefinitionResponse response = AwsCalls.call("DescribeTaskDefinition " + taskDefinitionArn,
                () -> ecs.get().describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn).include(TaskDefinitionField.TAGS)));
        Map<String, String> tags = new LinkedHashMap<>();
        response.tags().forEach(t -> tags.put(t.key(), t.value()));
        return new TaskDefinitionDocument(response.taskDefinition().taskDefinitionArn(),
                SdkPojoMaps.toMap(response.taskDefinition()), tags);
    }

    /** Asked on every look of a deployment: each revision is described once per adapter (a function instance keeps one). */
    @Override
    public ContainerChecks containerChecks(String taskDefinitionArn) {
        return knownChecks.computeIfAbsent(taskDefinitionArn, arn -> ContainerChecks.of(describeTaskDefinition(arn).definition()));
    }

    @Override
    public Optional<TaskDefinitionDocument> latestRevision(String family) {
        try {
            return Optional.of(describeTaskDefinition(family));
        } catch (AwsCallException e) {
            // ECS answers a family without ACTIVE revisions with a ClientException, not an empty result.
            if (e.getCause() instanceof ClientException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<TaskView> tasks(String cluster, String service, boolean stoppedToo) {
        return EcsTasks.of(ecs.get(), cluster, service, stoppedToo);
    }

    @Override
    public String registerTaskDefinition(Map<String, Object> definition, Map<String, String> tags) {
        RegisterTaskDefinitionRequest.Builder builder = SdkPojoMaps.fill(RegisterTaskDefinitionRequest.builder(), definition);
        List<Tag> userTags = tags.entrySet().stream()
                .filter(t -> !t.getKey().startsWith("aws:")) // reserved for AWS; RegisterTaskDefinition rejects them
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                .toList();
        if (!userTags.isEmpty()) {
            builder.tags(userTags);
        }
        RegisterTaskDefinitionRequest request = builder.build();
        return AwsCalls.call("RegisterTaskDefinition " + request.family(),
                () -> ecs.get().registerTaskDefinition(request).taskDefinition().taskDefinitionArn());
    }

    @Override
    public void updateService(String cluster, String service, String taskDefinitionArn) {
        AwsCalls.run("UpdateService " + cluster + "/" + service + " to " + taskDefinitionArn,
                () -> ecs.get().updateService(r -> r.cluster(cluster).service(service).taskDefinition(taskDefinitionArn)));
    }

    @Override
    public void updateService(String cluster, String service, String taskDefinitionArn, int desiredCount) {
        AwsCalls.run("UpdateService " + cluster + "/" + service + " to " + taskDefinitionArn + " at " + desiredCount + " tasks",
                () -> ecs.get().updateService(r -> r.cluster(cluster).service(service).taskDefinition(taskDefinitionArn)
                        .desiredCount(desiredCount)));
    }

    @Override
    public void scale(String cluster, String service, int desiredCount) {
        AwsCalls.run("UpdateService " + cluster + "/" + service + " to " + desiredCount + " tasks",
                () -> ecs.get().updateService(r -> r.cluster(cluster).service(service).desiredCount(desiredCount)));
    }
}
