package dev.berth.engine;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.Progress;
import dev.berth.domain.lease.Renewal;
import dev.berth.domain.plan.Action;
import dev.berth.domain.plan.Fleet;
import dev.berth.domain.plan.Phase;
import dev.berth.domain.plan.Plans;
import dev.berth.domain.plan.RollbackCause;
import dev.berth.domain.plan.Step;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.taskdef.TaskDefinitionArns;
import dev.berth.domain.traffic.Color;
import dev.berth.log.DeploymentLog;
import dev.berth.ports.ServiceState;
import dev.berth.workflow.FailureReasons;
import dev.berth.workflow.Next;
import dev.berth.workflow.Revisions;
import dev.berth.workflow.StartStepRequest;
import dev.berth.workflow.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the next step of a deployment's plan, or the first step that undoes it, and does the step's
 * action. Each start is a step boundary: the lease is renewed there, and a deployment a newer push
 * asked to stop stops there. Safe to retry: a step the record shows started is not acted on again.
 */
public final class StepRunner {

    private final EnginePorts ports;

    public StepRunner(EnginePorts ports) {
        this.ports = ports;
    }

    public StepState start(StartStepRequest request, DeploymentLog log) {
        Deployment record = ports.history().find(request.deploymentId()).orElseThrow(() -> new IllegalStateException(
                "no deployment record " + request.deploymentId()));
        if (record.status().isFinal()) {
            return request.step().concluding(record.status().name(), record.reason().orElse(""));
        }
        Strategy strategy = request.strategy().strategy();
        Instant now = ports.clock().instant();
        return request.rollingBack()
                ? beginRollback(request, record, strategy, now, log)
                : nextStep(request, record, strategy, now, log);
    }

    private StepState nextStep(StartStepRequest request, Deployment record, Strategy strategy, Instant now, DeploymentLog log) {
        StepState step = request.step();
        List<Step> steps = Plans.steps(strategy, step.phase(), cause(step.rollbackCause(), step.reason()), newColor(request));
        int index = step.index() + 1;
        if (index >= steps.size()) {
            return step.phase() == Phase.FORWARD
                    ? step.concluding(DeploymentStatus.SUCCEEDED.name(), step.summary())
                    : step.concluding(DeploymentStatus.ROLLED_BACK.name(), step.reason());
        }
        return run(request, record, steps.get(index), step.phase(), index, step.rollbackCause(), step.reason(), step.outcome(), now, log);
    }

    private StepState beginRollback(StartStepRequest request, Deployment record, Strategy strategy, Instant now, DeploymentLog log) {
        StepState step = request.step();
        String reason = FailureReasons.of(request.error()).orElse(step.reason().isBlank() ? "rollback requested" : step.reason());
        if (step.next() == Next.AWAIT_GATE && "States.Timeout".equals(request.error().error())) {
            reason = "no one promoted or aborted within " + dev.berth.domain.Durations.toHuman(java.time.Duration.ofSeconds(step.waitSeconds()));
        }
        if (step.next() == Next.AWAIT_GATE && GateKeeper.SUPERSEDED.equals(request.error().error())) {
            // A newer push woke the gate: undo as any superseded blue/green deployment does, and say so.
            step = step.then(Next.ROLL_BACK, DeploymentStatus.SUPERSEDED.name(), reason);
        }
        if (step.phase() == Phase.ROLLBACK) {
            // Already undoing: a rollback step that errs ends the deployment (a retried start is recognised below).
            return step.concluding(DeploymentStatus.FAILED.name(), "rollback failed: " + reason);
        }
        if (committed(record, strategy)) {
            // The new color is live already: nothing is undone; the record says what was left unfinished.
            return step.concluding(DeploymentStatus.SUCCEEDED.name(), newColor(request).map(c -> c.label() + " is live")
                    .orElse("the new color is live") + "; " + step.name() + " did not finish: " + reason);
        }
        String causeName = step.rollbackCause().isBlank() ? "failure" : step.rollbackCause();
        List<Step> steps = Plans.rollback(strategy, cause(causeName, reason), newColor(request));
        if (!alreadyStarted(record, Phase.ROLLBACK, 0) && !changedTheService(request, record, strategy)) {
            // Nothing to undo: a newer push that asked this one to stop supersedes it all the same.
            String outcome = step.outcome().isBlank() ? DeploymentStatus.FAILED.name() : step.outcome();
            return step.concluding(outcome, reason + " (before any change: the service was left as it was)");
        }
        return run(request, record, steps.getFirst(), Phase.ROLLBACK, 0, causeName, reason, step.outcome(), now, log);
    }

    /** Starts {@code step}: at the boundary, checks the lease; then acts, unless a retry finds it started. */
    private StepState run(StartStepRequest request, Deployment record, Step step, Phase phase, int index, String cause,
                          String reason, String outcome, Instant now, DeploymentLog log) {
        long interval = step.check().interval().toSeconds();
        // An undo started for a newer push ends SUPERSEDED rather than ROLLED_BACK: the outcome travels with it.
        String outcomeAfterUndo = phase == Phase.ROLLBACK ? outcome : "";
        // A manual gate holds on a task token; every other step is looked at.
        Next after = step.action() instanceof Action.AwaitGate ? Next.AWAIT_GATE : Next.OBSERVE;
        StepState base = new StepState(phase, index, step.name(), now, interval, 0, "", after, outcomeAfterUndo, reason, cause);
        Optional<Progress> started = record.progress().filter(p -> p.phase() == phase && p.index() == index);
        if (started.isPresent()) {
            log.info("step already started (a retried start)", Map.of("step", step.name()));
            return new StepState(phase, index, step.name(), started.get().startedAt(), interval, 0, "", after,
                    outcomeAfterUndo, reason, cause);
        }
        Optional<StepState> stop = atBoundary(request, base, now);
        if (stop.isPresent()) {
            return stop.get();
        }
        String serviceKey = request.cluster() + "/" + request.service();
        Acted acted = act(step.action(), request, base, request.strategy().strategy());
        return switch (acted) {
            case Acted.Stopped s -> s.state();
            case Acted.Done d -> {
                Progress progress = new Progress(phase, index, step.name(), now, phase == Phase.ROLLBACK ? cause : "");
                try {
                    ports.history().update(request.deploymentId(), r -> (phase == Phase.ROLLBACK ? r.rollingBack(reason, now) : r)
                            .stepStarted(progress, d.detail()));
                } catch (RuntimeException e) {
                    // The action is done and the state machine carries the step on; failing here would undo a step
                    // that may be fine. The record catches up (a rollback tells a change from the service itself).
                    log.warn("step started, but its record was not written; the deployment goes on",
                            Map.of("step", step.name(), "error", String.valueOf(e.getMessage())));
                }
                log.info("step started", Map.of("step", step.name(), "service", serviceKey, "detail", d.detail()));
                yield base;
            }
        };
    }

    /** The lease at a step boundary: renewed, or the sign that a newer push takes over. */
    private Optional<StepState> atBoundary(StartStepRequest request, StepState base, Instant now) {
        Renewal renewal = ports.leases().renew(request.cluster() + "/" + request.service(), request.deploymentId(), now,
                LeaseHold.forWait(base.waitSeconds()));
        return StepBoundary.stopFor(renewal, base, request.strategy().strategy());
    }

    /** What doing an action came to: done (with what happened, for the timeline), or a reason to stop instead. */
    sealed interface Acted {
        record Done(String detail) implements Acted {}
        record Stopped(StepState state) implements Acted {}
    }

    private Acted act(Action action, StartStepRequest request, StepState base, Strategy strategy) {
        Revisions revisions = request.revisions();
        String serviceKey = request.cluster() + "/" + request.service();
        Fleets fleets = new Fleets(request.service(), strategy, revisions);
        return switch (action) {
            case Action.Watch w -> new Acted.Done(base.reason().isBlank() ? "nothing to change" : "nothing to change: " + base.reason());
            case Action.AwaitGate g -> new Acted.Done("waiting up to " + dev.berth.domain.Durations.toHuman(
                    java.time.Duration.ofSeconds(base.waitSeconds())) + " for promote or abort (berth promote|abort "
                    + request.deploymentId() + ")");
            case Action.StartColor start -> new ColorActions(ports, request, fleets).startColor(start);
            case Action.ShiftTraffic shift -> new ColorActions(ports, request, fleets).shiftTraffic(shift, base, strategy);
            case Action.ScaleDown down -> new ColorActions(ports, request, fleets).scaleDown(down);
            case Action.UpdateService update -> {
                String target = revisions.of(update.revision());
                if (base.phase() == Phase.FORWARD) {
                    ports.ecs().updateService(request.cluster(), request.service(), target);
                    yield new Acted.Done(serviceKey + " set to " + TaskDefinitionArns.shortName(target));
                }
                // Undoing changes the service only while it still runs what this deployment set.
                ServiceState service = ports.ecs().describeService(request.cluster(), request.service());
                if (service.taskDefinitionArn().equals(target)) {
                    yield new Acted.Done(serviceKey + " already set to " + TaskDefinitionArns.shortName(target) + ": " + base.reason());
                }
                if (service.taskDefinitionArn().equals(revisions.previous()) && service.circuitBreakerRollback()) {
                    // ECS's circuit breaker got there first, to the revision it knows (not Berth's pinned copy of it).
                    yield new Acted.Done(serviceKey + " already set back to " + TaskDefinitionArns.shortName(revisions.previous())
                            + " by ECS's circuit breaker: " + base.reason());
                }
                if (!service.taskDefinitionArn().equals(revisions.next())) {
                    yield new Acted.Stopped(base.concluding(DeploymentStatus.ABORTED.name(), serviceKey
                            + " was changed outside Berth (it is set to " + TaskDefinitionArns.shortName(service.taskDefinitionArn())
                            + "): Berth left it as it is instead of rolling back (" + base.reason() + ")"));
                }
                ports.ecs().updateService(request.cluster(), request.service(), target);
                yield new Acted.Done(serviceKey + " set back to " + TaskDefinitionArns.shortName(target) + ": " + base.reason());
            }
        };
    }

    /**
     * Whether the deployment changed the service: the record says a step that changes it started, or (its
     * action done but the record not written) the service runs the new revision.
     */
    private boolean changedTheService(StartStepRequest request, Deployment record, Strategy strategy) {
        List<Step> forward = Plans.forward(strategy);
        boolean recorded = record.progress()
                .filter(p -> p.phase() == Phase.FORWARD && p.index() < forward.size())
                .map(p -> forward.subList(0, p.index() + 1).stream().anyMatch(s -> s.action().changesService()))
                .orElse(false);
        if (recorded || request.revisions() == null) {
            return recorded;
        }
        // The action may be done with its record not written: the service it changes says so.
        String changed = strategy instanceof Strategy.BlueGreen
                ? new Fleets(request.service(), strategy, request.revisions()).service(Fleet.NEW_COLOR) : request.service();
        return ports.ecs().describeService(request.cluster(), changed).taskDefinitionArn().equals(request.revisions().next());
    }

    /** Whether the deployment reached the steps it never undoes (blue/green's new color live). */
    private static boolean committed(Deployment record, Strategy strategy) {
        java.util.OptionalInt from = Plans.committedFrom(strategy);
        return from.isPresent() && record.progress().filter(p -> p.phase() == Phase.FORWARD && p.index() >= from.getAsInt()).isPresent();
    }

    /** Blue/green: the color this deployment brings, once its revisions are prepared. */
    static Optional<Color> newColor(StartStepRequest request) {
        return request.revisions() == null ? Optional.empty() : request.revisions().newColor();
    }

    private static boolean alreadyStarted(Deployment record, Phase phase, int index) {
        return record.progress().filter(p -> p.phase() == phase && p.index() == index).isPresent();
    }

    /** The rollback cause a state names: {@code ecs-rollback}, else a failure. */
    static RollbackCause cause(String name, String reason) {
        return "ecs-rollback".equals(name) ? new RollbackCause.EcsRollback(reason) : new RollbackCause.Failure(reason);
    }
}
