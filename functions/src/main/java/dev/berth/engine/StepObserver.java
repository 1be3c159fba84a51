package dev.berth.engine;

import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.health.Look;
import dev.berth.domain.health.RevisionJudge;
import dev.berth.domain.health.RevisionObservation;
import dev.berth.domain.health.StepVerdict;
import dev.berth.domain.health.TargetGroupHealth;
import dev.berth.domain.health.TaskView;
import dev.berth.domain.lease.Renewal;
import dev.berth.domain.plan.Check;
import dev.berth.domain.plan.Phase;
import dev.berth.domain.plan.Plans;
import dev.berth.domain.plan.Revision;
import dev.berth.domain.plan.Step;
import dev.berth.domain.target.Strategy;
import dev.berth.log.DeploymentLog;
import dev.berth.ports.ServiceState;
import dev.berth.workflow.Next;
import dev.berth.workflow.ObserveStepRequest;
import dev.berth.workflow.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks at the step in progress once and decides what comes next; the state machine waits between
 * looks. Each look is also a step boundary for a newer push: a deployment asked to stop stops here.
 *
 * <p>Observation and history are kept apart: the look decides from ECS and the load balancers only; the
 * lease renewal and the timeline entry (written only when the picture changes) are best effort, so a
 * failure to write either is logged and never fails or rolls back a healthy deployment.
 */
public final class StepObserver {

    private final EnginePorts ports;

    public StepObserver(EnginePorts ports) {
        this.ports = ports;
    }

    public StepState observe(ObserveStepRequest request, DeploymentLog log) {
        StepState step = request.step();
        Strategy strategy = request.strategy().strategy();
        List<Step> steps = Plans.steps(strategy, step.phase(), StepRunner.cause(step.rollbackCause(), step.reason()));
        if (step.index() < 0 || step.index() >= steps.size()) {
            throw new IllegalArgumentException("step " + step.index() + " is not a step of the " + step.phase() + " plan ("
                    + steps.size() + " steps)");
        }
        Step current = steps.get(step.index());
        Instant now = ports.clock().instant();
        Optional<StepState> stop = renewLease(request, current, now, log);
        if (stop.isPresent()) {
            return stop.get();
        }
        StepState next = switch (current.check()) {
            case Check.RevisionHealthy healthy -> judge(request, healthy, steps.size(), now);
        };
        record(request, step, next, now, log);
        log.info("step observed", Map.of("step", current.name(), "next", next.next().name(), "summary", next.summary()));
        return next;
    }

    private StepState judge(ObserveStepRequest request, Check.RevisionHealthy check, int stepCount, Instant now) {
        StepState step = request.step();
        ServiceState service = ports.ecs().describeService(request.cluster(), request.service());
        String judged = request.revisions().of(check.revision());
        // A rollback ECS's circuit breaker made runs the revision ECS knows, not Berth's pinned copy of it: judge that one.
        String expected = check.revision() == Revision.ROLLBACK && service.taskDefinitionArn().equals(request.revisions().previous())
                ? request.revisions().previous() : judged;
        // Stopped tasks are read only when ECS counts failed ones: they say why tasks crash.
        boolean failures = service.deployments().stream()
                .anyMatch(d -> d.taskDefinitionArn().equals(expected) && d.failedTasks() > 0);
        List<TaskView> tasks = ports.ecs().tasks(request.cluster(), request.service(), failures);
        List<TargetGroupHealth> groups = service.targetGroupArns().stream().map(ports.targetHealth()::describe).toList();
        Optional<String> previous = check.revision() == Revision.NEW ? Optional.of(request.revisions().previous()) : Optional.empty();
        int failedTasks = service.deployments().stream().filter(d -> d.isLive() && d.taskDefinitionArn().equals(expected))
                .mapToInt(dev.berth.domain.health.EcsDeploymentView::failedTasks).max().orElse(0);
        RevisionObservation observation = new RevisionObservation(expected, previous, service.circuitBreakerRollback(),
                service.deployments(), tasks, groups, now, step.failedTasks(), ports.ecs().containerChecks(expected));
        Look look = RevisionJudge.look(observation, step.startedAt(), check.deadline(), check.settle());
        StepVerdict verdict = StepVerdict.weigh(look, step.unhealthyLooks(), check.failureThreshold());
        long wait = check.interval().toSeconds();
        boolean last = step.index() == stepCount - 1;
        return decide(step, verdict, wait, last).withFailedTasks(failedTasks);
    }

    private static StepState decide(StepState step, StepVerdict verdict, long wait, boolean last) {
        boolean forward = step.phase() == Phase.FORWARD;
        return switch (verdict) {
            case StepVerdict.Complete c -> !last
                    ? step.looked(0, c.summary(), wait, Next.NEXT_STEP, step.outcome(), step.reason())
                    : forward
                    ? step.looked(0, c.summary(), wait, Next.CONCLUDE, DeploymentStatus.SUCCEEDED.name(), c.summary())
                    : step.looked(0, c.summary(), wait, Next.CONCLUDE,
                            step.outcome().isBlank() ? DeploymentStatus.ROLLED_BACK.name() : step.outcome(), step.reason());
            case StepVerdict.InProgress p -> step.looked(p.unhealthyLooks(), p.summary(), wait, Next.OBSERVE, step.outcome(), step.reason());
            case StepVerdict.Failed f -> forward
                    ? failed(step, f.summary(), wait, "failure")
                    : step.looked(0, f.summary(), wait, Next.CONCLUDE, DeploymentStatus.FAILED.name(),
                            "rollback did not become healthy: " + f.summary());
            case StepVerdict.EcsRolledBack e -> forward
                    ? failed(step, e.summary(), wait, "ecs-rollback")
                    : step.looked(0, e.summary(), wait, Next.CONCLUDE, DeploymentStatus.FAILED.name(),
                            "rollback did not become healthy: " + e.summary());
            case StepVerdict.ChangedOutside c -> step.looked(0, c.summary(), wait, Next.CONCLUDE, DeploymentStatus.ABORTED.name(),
                    c.summary() + "; Berth stopped and left the service as it is");
        };
    }

    private static StepState failed(StepState step, String summary, long wait, String cause) {
        return new StepState(step.phase(), step.index(), step.name(), step.startedAt(), wait, 0, summary, Next.ROLL_BACK,
                "", summary, cause, step.failedTasks());
    }

    /** Renews the hold on the service; a newer push that asked this deployment to stop is answered here. */
    private Optional<StepState> renewLease(ObserveStepRequest request, Step current, Instant now, DeploymentLog log) {
        StepState step = request.step();
        Renewal renewal;
        try {
            renewal = ports.leases().renew(request.cluster() + "/" + request.service(), request.deploymentId(), now,
                    LeaseHold.forWait(current.check().interval().toSeconds()));
        } catch (dev.berth.ports.TransientAwsException e) {
            // The hold lasts the wait plus five minutes: one renewal lost to throttling is no reason to stop a deployment.
            log.warn("lease not renewed; looking anyway", Map.of("error", String.valueOf(e.getMessage())));
            return Optional.empty();
        }
        return StepBoundary.stopFor(renewal, step, request.strategy().strategy());
    }

    /** A timeline entry when the picture changed; a failed write is logged and dropped. */
    private void record(ObserveStepRequest request, StepState before, StepState after, Instant now, DeploymentLog log) {
        if (after.summary().equals(before.summary()) && after.next() == before.next()) {
            return;
        }
        String step = before.phase() == Phase.ROLLBACK ? "Rollback health" : "Rollout health";
        String verdict = switch (after.next()) {
            case OBSERVE -> after.unhealthyLooks() > 0 ? "UNHEALTHY" : "IN_PROGRESS";
            case NEXT_STEP -> "HEALTHY";
            case CONCLUDE -> switch (after.outcome()) {
                case "SUCCEEDED", "ROLLED_BACK" -> "HEALTHY";
                case "ABORTED" -> "CHANGED OUTSIDE BERTH";
                default -> "UNHEALTHY";
            };
            default -> "UNHEALTHY";
        };
        try {
            ports.history().update(request.deploymentId(), d -> d.append(new TimelineEntry(now, step, verdict + ": " + after.summary())));
        } catch (RuntimeException e) {
            log.warn("timeline entry not written; the deployment goes on", Map.of("error", String.valueOf(e.getMessage())));
        }
    }
}
