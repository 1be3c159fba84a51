package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.image.ImageReference;
import dev.berth.domain.taskdef.TaskDefinitionCopy;
import dev.berth.log.DeploymentLog;
import dev.berth.ports.DeploymentHistory;
import dev.berth.ports.EcsServices;
import dev.berth.ports.ServiceState;
import dev.berth.ports.TaskDefinitionDocument;
import dev.berth.workflow.DeploymentRequest;
import dev.berth.workflow.TaskDefinitions;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * First step: registers the next task definition revision, copied from the one serving now with
 * only the pushed containers' images changed (pinned by digest), and records both in the history.
 */
public final class RegisterTaskDefinitionHandler extends JsonStreamHandler<DeploymentRequest, TaskDefinitions> {

    private final EcsServices ecs;
    private final DeploymentHistory history;
    private final Clock clock;

    public RegisterTaskDefinitionHandler() {
        this(System.getenv());
    }

    public RegisterTaskDefinitionHandler(Map<String, String> environment) {
        super(DeploymentRequest.class);
        Ports ports = new Ports(new FunctionEnvironment(environment));
        this.ecs = ports.ecs();
        this.history = ports.history();
        this.clock = ports.clock();
    }

    @Override
    protected TaskDefinitions handle(DeploymentRequest request, Context context) {
        DeploymentLog log = DeploymentLog.of(context).forDeployment(request.deploymentId());
        ImageReference image = ImageReference.parse(request.image());
        ServiceState service = ecs.describeService(request.cluster(), request.service());
        String previousArn = service.servingTaskDefinitionArn();
        TaskDefinitionDocument current = ecs.describeTaskDefinition(previousArn);
        Map<String, Object> next = TaskDefinitionCopy.derive(current.definition(), request.containers(), image);
        String nextArn = ecs.registerTaskDefinition(next, current.tags());
        Instant now = clock.instant();
        history.update(request.deploymentId(), d -> started(d, previousArn, nextArn, image, now));
        log.info("registered task definition", Map.of("previous", previousArn, "next", nextArn, "image", image.pinned()));
        return new TaskDefinitions(previousArn, nextArn);
    }

    private static Deployment started(Deployment d, String previousArn, String nextArn, ImageReference image, Instant now) {
        // A retried step finds the record already IN_PROGRESS: only the task definitions change then.
        Deployment moved = d.status() == DeploymentStatus.PENDING ? d.moveTo(DeploymentStatus.IN_PROGRESS, Optional.empty(), now) : d;
        return moved.withPreviousTaskDefinitionArn(previousArn).withNewTaskDefinitionArn(nextArn)
                .append(new TimelineEntry(now, "Registered task definition",
                        shortName(nextArn) + " from " + shortName(previousArn) + " with " + image.pinned()));
    }

    static String shortName(String taskDefinitionArn) {
        int slash = taskDefinitionArn.lastIndexOf('/');
        return slash < 0 ? taskDefinitionArn : taskDefinitionArn.substring(slash + 1);
    }
}
