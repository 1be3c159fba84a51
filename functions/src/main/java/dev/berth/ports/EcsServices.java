package dev.berth.ports;

import dev.berth.domain.health.ContainerChecks;
import dev.berth.domain.health.TaskView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ECS calls a deployment makes. */
public interface EcsServices {

    ServiceState describeService(String cluster, String service);

    TaskDefinitionDocument describeTaskDefinition(String taskDefinitionArn);

    /**
     * The container health checks of a registered revision (by its full ARN). A revision never changes once
     * registered, so an adapter may remember the answer.
     */
    default ContainerChecks containerChecks(String taskDefinitionArn) {
        return ContainerChecks.of(describeTaskDefinition(taskDefinitionArn).definition());
    }

    /** The newest ACTIVE revision of a family, with its tags; empty when the family has none. */
    Optional<TaskDefinitionDocument> latestRevision(String family);

    /** Registers a new revision and returns its ARN. */
    String registerTaskDefinition(Map<String, Object> definition, Map<String, String> tags);

    void updateService(String cluster, String service, String taskDefinitionArn);

    /** Points the service at a revision and sets how many tasks it runs (blue/green starts the idle color so). */
    void updateService(String cluster, String service, String taskDefinitionArn, int desiredCount);

    /** Sets how many tasks the service runs, changing nothing else. */
    void scale(String cluster, String service, int desiredCount);

    /** The service's tasks that ECS wants running, and, with {@code stoppedToo}, those it stopped lately. */
    List<TaskView> tasks(String cluster, String service, boolean stoppedToo);
}
