package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.domain.InvalidInputException;
import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.log.DeploymentLog;
import dev.berth.ports.DeploymentHistory;
import dev.berth.ports.EcsServices;
import dev.berth.workflow.FailureReasons;
import dev.berth.workflow.UpdateServiceRequest;
import dev.berth.workflow.UpdateServiceResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Points the ECS service at a task definition: the new revision when deploying, the one that was
 * serving before when rolling back (then the record moves to ROLLING_BACK with the reason).
 */
public final class UpdateServiceHandler extends JsonStreamHandler<UpdateServiceRequest, UpdateServiceResult> {

    private final EcsServices ecs;
    private final DeploymentHistory history;
    private final Clock clock;

    public UpdateServiceHandler() {
        this(System.getenv());
    }

    public UpdateServiceHandler(Map<String, String> environment) {
        super(UpdateServiceRequest.class);
        Ports ports = new Ports(new FunctionEnvironment(environment));
        this.ecs = ports.ecs();
        this.history = ports.history();
        this.clock = ports.clock();
    }

    @Override
    protected UpdateServiceResult handle(UpdateServiceRequest request, Context context) {
        DeploymentLog log = DeploymentLog.of(context).forDeployment(request.deploymentId());
        boolean rollback = switch (request.purpose()) {
            case "deploy" -> false;
            case "rollback" -> true;
            case null, default -> throw new InvalidInputException("purpose must be 'deploy' or 'rollback', not '" + request.purpose() + "'");
        };
        String reason = rollback ? request.cause().map(FailureReasons::whyRollBack).orElse("rollback requested") : "deploying";
        ecs.updateService(request.cluster(), request.service(), request.taskDefinitionArn());
        Instant now = clock.instant();
        String target = RegisterTaskDefinitionHandler.shortName(request.taskDefinitionArn());
        history.update(request.deploymentId(), d -> rollback
                ? rollingBack(d, reason, now).append(new TimelineEntry(now, "Rolling back", "service set back to " + target + ": " + reason))
                : d.append(new TimelineEntry(now, "Updated service", request.cluster() + "/" + request.service() + " now set to " + target)));
        log.info(rollback ? "rolling back" : "service updated", Map.of("taskDefinition", request.taskDefinitionArn(), "reason", reason));
        return new UpdateServiceResult(now, reason);
    }

    private static Deployment rollingBack(Deployment d, String reason, Instant now) {
        return d.status().canMoveTo(DeploymentStatus.ROLLING_BACK) ? d.moveTo(DeploymentStatus.ROLLING_BACK, Optional.of(reason), now) : d;
    }
}
