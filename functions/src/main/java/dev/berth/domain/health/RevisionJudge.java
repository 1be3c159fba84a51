package dev.berth.domain.health;

import dev.berth.domain.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges one revision of a service from one look, counting only that revision's own tasks and the
 * load-balancer targets behind them (as Argo judges a canary on the new ReplicaSet's own pods): an old
 * task flapping, or another service's target in a shared target group, neither fails nor passes it.
 * The rules, first match wins:
 *
 * <ol>
 *   <li>The PRIMARY deployment runs another revision. When it is the previous revision, the service's circuit
 *       breaker rolls back by itself and ours FAILED (or is gone): <b>EcsRollingBack</b>. Otherwise <b>ChangedOutside</b>, "service now runs X, not Y".
 *       No live deployment runs the revision: <b>ChangedOutside</b>.</li>
 *   <li>ECS marked the revision's rollout FAILED (its circuit breaker tripped): <b>EcsRollingBack</b> when the
 *       breaker rolls back by itself, else <b>Failed</b> with ECS's reason.</li>
 *   <li>Tasks of the revision created since the step started crash (an essential container exited, or the task
 *       failed to start), two of them, or one when one is desired: <b>Failed</b>, quoting the first distinct reason. When the
 *       breaker rolls back by itself it decides instead (so Berth and ECS never race): these count as progress.</li>
 *   <li>A target behind one of the revision's tasks is {@code unhealthy}: <b>Unhealthy</b>, "1 of 2 targets
 *       unhealthy in web: Target.FailedHealthChecks".</li>
 *   <li>The rollout is done (rolloutState COMPLETED or, where ECS reports none, the only live deployment),
 *       runningCount equals desiredCount, and every target group holds at least desiredCount healthy targets of
 *       the revision and none of its targets initial or unhealthy: <b>Healthy</b>. Desired count 0 needs no targets.</li>
 *   <li>Past the deadline: <b>Failed</b>, "not healthy within 5m (last: ...)".</li>
 *   <li>ECS's count of the revision's failed tasks went up since the look before, and has reached the number the
 *       revision should run (or one): <b>Unhealthy</b>, "ECS replaced 4 failed tasks of the revision". Tasks that
 *       fail their checks fast are replaced between two looks, so their targets alone may never be seen
 *       unhealthy twice in a row; ECS's count is the evidence that remains. When the breaker rolls back by
 *       itself it decides instead.</li>
 *   <li>Otherwise <b>Progressing</b>, e.g. "2/3 running, 1 pending; tg web: 1 healthy, 1 initial".</li>
 * </ol>
 */
public final class RevisionJudge {

    private static final List<String> TARGET_STATES =
            List.of("healthy", "initial", "unhealthy", "draining", "unused", "unavailable");
    private static final int DECISIVE_CRASHES = 2;

    private RevisionJudge() {}

    /** The look at the revision, judged at {@code observation.observedAt()} for a step started at {@code startedAt}. */
    public static Look look(RevisionObservation observation, Instant startedAt, Duration deadline) {
        String expected = observation.expectedTaskDefinitionArn();
        Optional<EcsDeploymentView> primary = observation.deployments().stream()
                .filter(deployment -> deployment.status().equals("PRIMARY"))
                .findFirst();
        Optional<EcsDeploymentView> found = primary.filter(p -> p.taskDefinitionArn().equals(expected))
                .or(() -> observation.deployments().stream()
                        .filter(deployment -> deployment.isLive() && deployment.taskDefinitionArn().equals(expected))
                        .findFirst());
        if (primary.isPresent() && !primary.get().taskDefinitionArn().equals(expected)) {
            return elsewhere(observation, primary.get(), found);
        }
        if (found.isEmpty()) {
            return new Look.ChangedOutside("service no longer runs " + expected + ": changed outside this deployment");
        }
        EcsDeploymentView ours = found.get();

        if (ours.rolloutState().filter("FAILED"::equals).isPresent()) {
            String reason = ours.rolloutStateReason().orElse("no reason given");
            return observation.circuitBreakerRollback()
                    ? new Look.EcsRollingBack("ECS deployment circuit breaker rolled the service back: " + reason)
                    : new Look.Failed("ECS rollout failed: " + reason);
        }

        // Only this step's tasks: ECS shows stopped tasks for an hour, and a rollback revision has an older history.
        List<TaskView> crashed = observation.ownTasks().stream().filter(TaskView::crashed)
                .filter(task -> task.createdSince(startedAt)).toList();
        if (!observation.circuitBreakerRollback() && !crashed.isEmpty()
                && crashed.size() >= Math.min(DECISIVE_CRASHES, Math.max(1, ours.desiredCount()))) {
            return new Look.Failed(crashed.size() + " task" + (crashed.size() == 1 ? "" : "s")
                    + " of the revision stopped: " + firstReason(crashed));
        }

        List<TargetGroupHealth> own = observation.targetGroups().stream().map(observation::ownTargets).toList();
        List<String> unhealthy = own.stream().filter(group -> group.count("unhealthy") > 0)
                .map(RevisionJudge::describeUnhealthy).toList();
        if (!unhealthy.isEmpty()) {
            return new Look.Unhealthy(String.join("; ", unhealthy));
        }

        boolean rolloutDone = ours.rolloutState()
                .map("COMPLETED"::equals)
                .orElseGet(() -> observation.deployments().stream().filter(EcsDeploymentView::isLive).count() == 1);
        boolean tasksReady = ours.runningCount() == ours.desiredCount();
        boolean targetsReady = ours.desiredCount() == 0 || own.stream().allMatch(group ->
                group.count("healthy") >= ours.desiredCount() && group.count("initial") == 0);
        String summary = summary(observation, ours, own, tasksReady && targetsReady && !rolloutDone);
        if (rolloutDone && tasksReady && targetsReady) {
            return new Look.Healthy(summary);
        }
        if (observation.observedAt().isAfter(startedAt.plus(deadline))) {
            return new Look.Failed("not healthy within " + Durations.toHuman(deadline) + " (last: " + summary + ")");
        }
        if (!observation.circuitBreakerRollback() && ours.failedTasks() > observation.previousFailedTasks()
                && ours.failedTasks() >= Math.max(1, ours.desiredCount())) {
            List<TaskView> stopped = observation.ownTasks().stream().filter(t -> t.stoppedReason().isPresent()).toList();
            return new Look.Unhealthy("ECS replaced " + ours.failedTasks() + " failed task" + (ours.failedTasks() == 1 ? "" : "s")
                    + " of the revision" + (stopped.isEmpty() ? "" : ": " + firstReason(stopped)) + " (" + summary + ")");
        }
        return new Look.Progressing(summary);
    }

    /** The PRIMARY deployment runs another revision: ECS rolling back by itself, or someone else. */
    private static Look elsewhere(RevisionObservation observation, EcsDeploymentView primary, Optional<EcsDeploymentView> ours) {
        boolean toPreviousRevision = observation.previousTaskDefinitionArn().filter(primary.taskDefinitionArn()::equals).isPresent();
        boolean oursStillGoing = ours.filter(d -> d.rolloutState().filter("FAILED"::equals).isEmpty()).isPresent();
        if (toPreviousRevision && observation.circuitBreakerRollback() && !oursStillGoing) {
            // With rollback on, the breaker puts exactly the previous revision back once ours FAILED; when the look
            // comes late ours may be drained away already. Ours still rolling out means a person did it.
            String why = ours.flatMap(EcsDeploymentView::rolloutStateReason)
                    .or(() -> primary.rolloutStateReason().filter(r -> r.contains("circuit breaker")))
                    .orElse("the service is back on the previous revision");
            return new Look.EcsRollingBack("ECS deployment circuit breaker rolled the service back to "
                    + dev.berth.domain.taskdef.TaskDefinitionArns.shortName(primary.taskDefinitionArn()) + ": " + why);
        }
        return new Look.ChangedOutside("service now runs " + primary.taskDefinitionArn() + ", not "
                + observation.expectedTaskDefinitionArn() + ": changed outside this deployment");
    }

    private static String firstReason(List<TaskView> crashed) {
        return crashed.stream()
                .map(task -> task.stoppedReason().orElse(task.stopCode().orElse("stopped"))
                        + task.containers().stream().flatMap(c -> containerReason(c).stream())
                        .findFirst().map(why -> " (" + why + ")").orElse(""))
                .distinct().findFirst().orElse("no reason given");
    }

    /**
     * What a stopped container says of itself: "web exit code 1", with the container's own reason where ECS gives
     * one ("web exit code 255: CannotStartContainerError: ... exec format error"), which often names the cause
     * the task's reason does not.
     */
    private static Optional<String> containerReason(TaskView.ContainerView container) {
        Optional<String> reason = container.reason().filter(r -> !r.isBlank());
        if (container.exitCode().isEmpty() && reason.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(container.name() + container.exitCode().map(code -> " exit code " + code).orElse("")
                + reason.map(r -> ": " + r).orElse(""));
    }

    private static String describeUnhealthy(TargetGroupHealth group) {
        Set<String> reasons = group.targets().stream()
                .filter(target -> target.state().equals("unhealthy"))
                .map(target -> target.reason().orElse("no reason given"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return group.count("unhealthy") + " of " + group.targets().size() + " targets unhealthy in " + group.name()
                + ": " + String.join(", ", reasons);
    }

    /** Counts for people: "2/3 running, 1 pending, 1 failed; tg web: 1 healthy, 1 initial; old revision: 2 running". */
    private static String summary(RevisionObservation observation, EcsDeploymentView ours, List<TargetGroupHealth> own,
                                  boolean waitingForEcs) {
        List<String> parts = new ArrayList<>();
        StringBuilder tasks = new StringBuilder(ours.runningCount() + "/" + ours.desiredCount() + " running");
        if (ours.pendingCount() > 0) {
            tasks.append(", ").append(ours.pendingCount()).append(" pending");
        }
        if (ours.failedTasks() > 0) {
            tasks.append(", ").append(ours.failedTasks()).append(" failed");
        }
        parts.add(tasks.toString());
        for (TargetGroupHealth group : own) {
            parts.add("tg " + group.name() + ": " + describeTargets(group));
        }
        int oldRunning = observation.deployments().stream()
                .filter(deployment -> deployment != ours && deployment.isLive())
                .mapToInt(EcsDeploymentView::runningCount)
                .sum();
        if (oldRunning > 0) {
            parts.add("other revisions: " + oldRunning + " running");
        } else if (waitingForEcs) {
            parts.add("waiting for ECS to complete the rollout");
        }
        return String.join("; ", parts);
    }

    private static String describeTargets(TargetGroupHealth group) {
        if (group.targets().isEmpty()) {
            return "no targets";
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        TARGET_STATES.forEach(state -> counts.put(state, 0));
        group.targets().forEach(target -> counts.merge(target.state(), 1, Integer::sum));
        return counts.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", "));
    }

}
