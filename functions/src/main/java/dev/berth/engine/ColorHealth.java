package dev.berth.engine;

import dev.berth.domain.health.EcsDeploymentView;
import dev.berth.domain.health.Look;
import dev.berth.domain.health.RevisionJudge;
import dev.berth.domain.health.RevisionObservation;
import dev.berth.domain.health.StepVerdict;
import dev.berth.domain.health.TargetGroupHealth;
import dev.berth.domain.health.TaskView;
import dev.berth.domain.plan.Fleet;
import dev.berth.domain.plan.Revision;
import dev.berth.ports.ServiceState;
import dev.berth.workflow.Revisions;
import dev.berth.workflow.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One look at a revision on one service, weighed: the service, its tasks and the targets behind them, read from
 * ECS and the load balancers and judged by {@link RevisionJudge}. A rolling step and a blue/green bake judge alike.
 */
final class ColorHealth {

    /** The verdict, and ECS's count of the revision's failed tasks at this look (the next look counts new ones). */
    record Result(StepVerdict verdict, int failedTasks) {}

    private final EnginePorts ports;

    ColorHealth(EnginePorts ports) {
        this.ports = ports;
    }

    Result look(String cluster, String serviceName, Revisions revisions, Revision role, Fleet fleet, StepState step,
                Duration deadline, Duration settle, int failureThreshold, Instant now) {
        ServiceState service = ports.ecs().describeService(cluster, serviceName);
        String judged = revisions.of(role);
        // A rollback ECS's circuit breaker made runs the revision ECS knows, not Berth's pinned copy of it: judge that one.
        String expected = role == Revision.ROLLBACK && service.taskDefinitionArn().equals(revisions.previous())
                ? revisions.previous() : judged;
        // Stopped tasks are read only when ECS counts failed ones: they say why tasks crash.
        boolean failures = service.deployments().stream()
                .anyMatch(d -> d.taskDefinitionArn().equals(expected) && d.failedTasks() > 0);
        List<TaskView> tasks = ports.ecs().tasks(cluster, serviceName, failures);
        List<TargetGroupHealth> groups = service.targetGroupArns().stream().map(ports.targetHealth()::describe).toList();
        // A blue/green color ran no revision of its own that Berth knows: nothing for ECS to roll it back to that the judge could name.
        Optional<String> previous = role == Revision.NEW && fleet == Fleet.SERVICE ? Optional.of(revisions.previous()) : Optional.empty();
        int failedTasks = service.deployments().stream().filter(d -> d.isLive() && d.taskDefinitionArn().equals(expected))
                .mapToInt(EcsDeploymentView::failedTasks).max().orElse(0);
        RevisionObservation observation = new RevisionObservation(expected, previous, service.circuitBreakerRollback(),
                service.deployments(), tasks, groups, now, step.failedTasks(), ports.ecs().containerChecks(expected));
        Look look = RevisionJudge.look(observation, step.startedAt(), deadline, settle);
        StepVerdict verdict = StepVerdict.weigh(look, step.unhealthyLooks(), failureThreshold);
        if (fleet != Fleet.SERVICE && !(verdict instanceof StepVerdict.Complete || verdict instanceof StepVerdict.InProgress)) {
            // A color Berth brought up that ECS rolled back or someone changed: undo it all the same (nothing is left split).
            verdict = new StepVerdict.Failed(verdict.summary());
        }
        return new Result(verdict, failedTasks);
    }
}
