package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.health.HealthVerdict;
import dev.berth.domain.health.RolloutJudge;
import dev.berth.domain.health.RolloutObservation;
import dev.berth.domain.health.TargetGroupHealth;
import dev.berth.log.DeploymentLog;
import dev.berth.ports.DeploymentHistory;
import dev.berth.ports.EcsServices;
import dev.berth.ports.ServiceState;
import dev.berth.ports.TargetHealth;
import dev.berth.workflow.CheckResult;
import dev.berth.workflow.CheckRolloutRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks at a rollout once (the ECS deployment, then the target health of each of the service's
 * target groups) and returns the verdict; the state machine waits between looks. The timeline gets
 * an entry only when the picture changes, so long rollouts do not grow the record without bound.
 */
public final class CheckRolloutHandler extends JsonStreamHandler<CheckRolloutRequest, CheckResult> {

    private final EcsServices ecs;
    private final TargetHealth targetHealth;
    private final DeploymentHistory history;
    private final Clock clock;

    public CheckRolloutHandler() {
        this(System.getenv());
    }

    public CheckRolloutHandler(Map<String, String> environment) {
        super(CheckRolloutRequest.class);
        Ports ports = new Ports(new FunctionEnvironment(environment));
        this.ecs = ports.ecs();
        this.targetHealth = ports.targetHealth();
        this.history = ports.history();
        this.clock = ports.clock();
    }

    @Override
    protected CheckResult handle(CheckRolloutRequest request, Context context) {
        DeploymentLog log = DeploymentLog.of(context).forDeployment(request.deploymentId());
        ServiceState service = ecs.describeService(request.cluster(), request.service());
        List<TargetGroupHealth> groups = service.targetGroupArns().stream().map(targetHealth::describe).toList();
        Instant now = clock.instant();
        HealthVerdict verdict = RolloutJudge.judge(
                new RolloutObservation(request.expectedTaskDefinitionArn(), service.deployments(), groups, now),
                request.startedAt(), Duration.ofSeconds(request.healthDeadlineSeconds()));
        String name = switch (verdict) {
            case HealthVerdict.Healthy h -> "HEALTHY";
            case HealthVerdict.InProgress p -> "IN_PROGRESS";
            case HealthVerdict.Unhealthy u -> "UNHEALTHY";
        };
        CheckResult result = new CheckResult(name, verdict.summary(), Optional.of(now));
        if (!name.equals(request.previous().verdict()) || !verdict.summary().equals(request.previous().summary())) {
            String step = request.phase().equals("rollback") ? "Rollback health" : "Rollout health";
            history.update(request.deploymentId(), d -> d.append(new TimelineEntry(now, step, name + ": " + verdict.summary())));
        }
        log.info("rollout checked", Map.of("phase", request.phase(), "verdict", name, "summary", verdict.summary()));
        return result;
    }
}
