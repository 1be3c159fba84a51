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
import dev.berth.domain.Durations;
import dev.berth.domain.plan.Check;
import dev.berth.domain.plan.Fleet;
import dev.berth.domain.traffic.Color;
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
        Optional<Color> newColor = request.revisions() == null ? Optional.empty() : request.revisions().newColor();
        List<Step> steps = Plans.steps(strategy, step.phase(), StepRunner.cause(step.rollbackCause(), step.reason()), newColor);
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
        Fleets fleets = new Fleets(request.service(), strategy, request.revisions());
        boolean last = step.index() == steps.size() - 1;
        StepState next = switch (current.check()) {
            case Check.RevisionHealthy healthy -> judge(request, healthy, fleets, steps.size(), now);
            case Check.TrafficHolds holds -> new TrafficLook(ports, request, fleets, strategy).look(holds, last, now);
            case Check.Elapsed elapsed -> decide(step, new StepVerdict.Complete("waited " + Durations.toHuman(elapsed.interval())),
                    elapsed.interval().toSeconds(), last);
            case Check.ScaledDown down -> scaledDown(request, down, fleets, last, now);
            // A gate is answered through its task token, never looked at; a look here means the state machine was changed.
            case Check.Gate gate -> throw new IllegalStateException("step " + current.name() + " is a manual gate: it is not looked at");
        };
        record(request, step, current.check(), next, now, log);
        log.info("step observed", Map.of("step", current.name(), "next", next.next().name(), "summary", next.summary()));
        return next;
    }

    private StepState judge(ObserveStepRequest request, Check.RevisionHealthy check, Fleets fleets, int stepCount, Instant now) {
        StepState step = request.step();
        ColorHealth.Result result = new ColorHealth(ports).look(request.cluster(), fleets.service(check.fleet()), request.revisions(),
                check.revision(), check.fleet(), step, check.deadline(), check.settle(), check.failureThreshold(), now);
        boolean last = step.index() == stepCount - 1;
        return decide(step, result.verdict(), check.interval().toSeconds(), last).withFailedTasks(result.failedTasks());
    }


    /** A color scaled down: its service wants no task and runs none. Tasks still stopping at the deadline do not fail it. */
    private StepState scaledDown(ObserveStepRequest request, Check.ScaledDown check, Fleets fleets, boolean last, Instant now) {
        StepState step = request.step();
        String serviceName = fleets.service(check.fleet());
        ServiceState service = ports.ecs().describeService(request.cluster(), serviceName);
        long running = ports.ecs().tasks(request.cluster(), serviceName, false).stream().filter(TaskView::isRunning).count();
        Color color = check.fleet() == Fleet.NEW_COLOR ? fleets.newColor() : fleets.newColor().other();
        String what = color.label() + " (" + serviceName + ")";
        boolean forward = step.phase() == Phase.FORWARD;
        String live = forward ? fleets.newColor().label() + " is live with 100% of traffic; " : "";
        if (service.desiredCount() == 0 && running == 0) {
            return decide(step, new StepVerdict.Complete(live + what + " scaled down to 0 tasks"), check.interval().toSeconds(), last);
        }
        if (now.isAfter(step.startedAt().plus(check.deadline()))) {
            String note = live + what + " still has " + running + " running task(s) " + Durations.toHuman(check.deadline())
                    + " after scaling it to 0: check the service";
            return decide(step, new StepVerdict.Complete(note), check.interval().toSeconds(), last);
        }
        return decide(step, new StepVerdict.InProgress(what + " scaling down: " + running + " task(s) still running", 0),
                check.interval().toSeconds(), last);
    }

    static StepState decide(StepState step, StepVerdict verdict, long wait, boolean last) {
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
    private void record(ObserveStepRequest request, StepState before, Check check, StepState after, Instant now, DeploymentLog log) {
        if (after.summary().equals(before.summary()) && after.next() == before.next()) {
            return;
        }
        boolean rollback = before.phase() == Phase.ROLLBACK;
        String step = switch (check) {
            case Check.TrafficHolds t -> rollback ? "Rollback traffic" : "Traffic";
            case Check.ScaledDown d -> "Scale down";
            case Check.Elapsed e -> "Termination wait";
            case Check.RevisionHealthy h -> rollback ? "Rollback health" : "Rollout health";
            case Check.Gate g -> "Manual gate";
        };
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
