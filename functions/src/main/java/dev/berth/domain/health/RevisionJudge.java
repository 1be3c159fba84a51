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
 *   <li>A running task of the revision reports an essential container's own health check UNHEALTHY: <b>Unhealthy</b>,
 *       "container web: health check failing (3 of 3 tasks UNHEALTHY)". UNKNOWN (its start period, or no verdict
 *       yet) is progress, not failure.</li>
 *   <li>The rollout is done (rolloutState COMPLETED or, where ECS reports none, the only live deployment),
 *       runningCount equals desiredCount, every target group holds at least desiredCount healthy targets of
 *       the revision and none of its targets initial or unhealthy, at least desiredCount of its tasks are HEALTHY
 *       when its containers have health checks, and, when neither a load balancer nor a health check can say so,
 *       at least desiredCount of its tasks have been RUNNING for the settle period: <b>Healthy</b>, its summary
 *       naming the evidence used. Desired count 0 needs none of it.</li>
 *   <li>Past the deadline: <b>Failed</b>, "not healthy within 5m (last: ...)", quoting why the step's stopped tasks stopped.</li>
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
    /** The settle period of {@link #look(RevisionObservation, Instant, Duration)}: the strategy's default. */
    static final Duration DEFAULT_SETTLE = Duration.ofSeconds(60);
    private static final List<String> HEALTH_STATES = List.of("HEALTHY", "UNHEALTHY", "UNKNOWN");

    private RevisionJudge() {}

    /** As {@link #look(RevisionObservation, Instant, Duration, Duration)}, tasks nothing checks settling for a minute. */
    public static Look look(RevisionObservation observation, Instant startedAt, Duration deadline) {
        return look(observation, startedAt, deadline, DEFAULT_SETTLE);
    }

    /**
     * The look at the revision, judged at {@code observation.observedAt()} for a step started at {@code startedAt};
     * tasks that neither a load balancer nor a container health check judges count once RUNNING for {@code settle}.
     */
    public static Look look(RevisionObservation observation, Instant startedAt, Duration deadline, Duration settle) {
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
            // ECS's breaker says only that tasks failed; the tasks say why.
            List<TaskView> stopped = stoppedSince(observation, startedAt);
            String reason = ours.rolloutStateReason().orElse("no reason given")
                    + (stopped.isEmpty() ? "" : "; tasks stopped: " + firstReason(stopped));
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
        List<String> failingContainers = failingContainers(observation);
        if (!failingContainers.isEmpty()) {
            return new Look.Unhealthy(String.join("; ", failingContainers));
        }

        boolean rolloutDone = ours.rolloutState()
                .map("COMPLETED"::equals)
                .orElseGet(() -> observation.deployments().stream().filter(EcsDeploymentView::isLive).count() == 1);
        boolean tasksReady = ours.runningCount() == ours.desiredCount();
        boolean targetsReady = ours.desiredCount() == 0 || own.stream().allMatch(group ->
                group.count("healthy") >= ours.desiredCount() && group.count("initial") == 0);
        boolean containersReady = ours.desiredCount() == 0 || !observation.containerChecks().any()
                || healthyTasks(observation) >= ours.desiredCount();
        boolean settled = ours.desiredCount() == 0 || !settling(observation)
                || settledTasks(observation, settle) >= ours.desiredCount();
        boolean ready = tasksReady && targetsReady && containersReady && settled;
        String summary = summary(observation, ours, own, ready && !rolloutDone, settle);
        if (rolloutDone && ready) {
            return new Look.Healthy(summary + "; evidence: " + evidence(observation, settle));
        }
        if (observation.observedAt().isAfter(startedAt.plus(deadline))) {
            // Tasks that failed and were replaced between looks leave only their stopped reason behind: quote it.
            List<TaskView> stopped = stoppedSince(observation, startedAt);
            return new Look.Failed("not healthy within " + Durations.toHuman(deadline) + " (last: " + summary + ")"
                    + (stopped.isEmpty() ? "" : "; tasks stopped: " + firstReason(stopped)));
        }
        if (!observation.circuitBreakerRollback() && ours.failedTasks() >= breakerThreshold(ours.desiredCount())
                && ours.runningCount() < ours.desiredCount()) {
            // As many failed tasks as ECS's deployment circuit breaker allows, and the revision still short of its count:
            // decisive, as the breaker would be, even for a service without one (and however far apart the looks are).
            List<TaskView> stopped = observation.ownTasks().stream().filter(t -> t.stoppedReason().isPresent()).toList();
            return new Look.Failed("ECS replaced " + ours.failedTasks() + " failed tasks of the revision, as many as a deployment"
                    + " circuit breaker allows" + (stopped.isEmpty() ? "" : ": " + firstReason(stopped)) + " (" + summary + ")");
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

    /** The revision's tasks started in this step that ECS stopped, with its reason: ECS shows stopped tasks for an hour. */
    private static List<TaskView> stoppedSince(RevisionObservation observation, Instant startedAt) {
        return observation.ownTasks().stream().filter(task -> task.stoppedReason().isPresent())
                .filter(task -> task.createdSince(startedAt)).toList();
    }

    /** ECS's circuit-breaker failure threshold: half the desired count, rounded up, within 3 and 200. */
    static int breakerThreshold(int desiredCount) {
        return Math.max(3, Math.min(200, (desiredCount + 1) / 2));
    }

    /** Judged on tasks staying RUNNING: nothing else (no load balancer, no container health check) can say. */
    private static boolean settling(RevisionObservation observation) {
        return observation.targetGroups().isEmpty() && !observation.containerChecks().any();
    }

    private static long healthyTasks(RevisionObservation observation) {
        List<String> checked = observation.containerChecks().names();
        return observation.ownRunningTasks().stream().filter(task -> task.health("HEALTHY", checked)).count();
    }

    private static long settledTasks(RevisionObservation observation, Duration settle) {
        Instant settledBy = observation.observedAt().minus(settle);
        return observation.ownRunningTasks().stream()
                .filter(task -> task.startedAt().filter(started -> !started.isAfter(settledBy)).isPresent()).count();
    }

    /** "container web: health check failing (3 of 3 tasks UNHEALTHY)", per checked container that fails anywhere. */
    private static List<String> failingContainers(RevisionObservation observation) {
        List<TaskView> running = observation.ownRunningTasks();
        List<String> failing = new ArrayList<>();
        for (String name : observation.containerChecks().names()) {
            long unhealthy = running.stream().filter(task -> task.containers().stream()
                    .anyMatch(container -> container.name().equals(name) && container.reports("UNHEALTHY"))).count();
            if (unhealthy > 0) {
                failing.add("container " + name + ": health check failing (" + unhealthy + " of " + running.size()
                        + " task" + (running.size() == 1 ? "" : "s") + " UNHEALTHY)");
            }
        }
        long unhealthyTasks = running.stream().filter(task -> task.healthStatus().filter("UNHEALTHY"::equals).isPresent()).count();
        if (failing.isEmpty() && unhealthyTasks > 0) {
            // ECS says the task is unhealthy without saying which container: still the containers' own checks.
            failing.add("task health check failing (" + unhealthyTasks + " of " + running.size() + " task"
                    + (running.size() == 1 ? "" : "s") + " UNHEALTHY)");
        }
        return failing;
    }

    /** What a healthy verdict rested on, for the record. */
    private static String evidence(RevisionObservation observation, Duration settle) {
        List<String> used = new ArrayList<>(List.of("ECS rollout"));
        if (!observation.targetGroups().isEmpty()) {
            used.add("load balancer targets");
        }
        if (observation.containerChecks().any()) {
            used.add("container health checks (" + String.join(", ", observation.containerChecks().names()) + ")");
        }
        if (settling(observation)) {
            used.add("tasks RUNNING for " + Durations.toHuman(settle) + " (no load balancer or container health check)");
        }
        return String.join(", ", used);
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
        boolean unhealthy = container.reports("UNHEALTHY");
        if (container.exitCode().isEmpty() && reason.isEmpty() && !unhealthy) {
            return Optional.empty();
        }
        return Optional.of(container.name() + (unhealthy ? " health check failing" + (container.exitCode().isPresent() ? "," : "") : "")
                + container.exitCode().map(code -> " exit code " + code).orElse("") + reason.map(r -> ": " + r).orElse(""));
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
                                  boolean waitingForEcs, Duration settle) {
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
        if (observation.containerChecks().any() && ours.desiredCount() > 0) {
            parts.add("task health: " + describeHealth(observation));
        }
        if (settling(observation) && !observation.ownRunningTasks().isEmpty() && settledTasks(observation, settle) < ours.desiredCount()) {
            parts.add("settling: " + settledTasks(observation, settle) + " of " + ours.desiredCount() + " RUNNING for "
                    + Durations.toHuman(settle));
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

    /** "2 HEALTHY, 1 UNKNOWN" over the revision's running tasks. */
    private static String describeHealth(RevisionObservation observation) {
        List<String> checked = observation.containerChecks().names();
        List<TaskView> running = observation.ownRunningTasks();
        if (running.isEmpty()) {
            return "no running tasks";
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String state : HEALTH_STATES) {
            long count = state.equals("UNKNOWN")
                    ? running.stream().filter(t -> !t.health("HEALTHY", checked) && !t.health("UNHEALTHY", checked)).count()
                    : running.stream().filter(t -> t.health(state, checked)).count();
            if (count > 0) {
                counts.put(state, count);
            }
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
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
