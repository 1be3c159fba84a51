package dev.berth.domain.health;

import dev.berth.domain.Durations;
import dev.berth.domain.health.HealthVerdict.Healthy;
import dev.berth.domain.health.HealthVerdict.InProgress;
import dev.berth.domain.health.HealthVerdict.Unhealthy;
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
 * Judges a rollout from one observation. The rules, first match wins:
 *
 * <ol>
 *   <li>The service's PRIMARY deployment runs another task definition, or no live deployment runs the expected one:
 *       <b>Unhealthy</b>, "service now runs &lt;arn&gt;, not &lt;expected&gt;: changed outside this deployment".</li>
 *   <li>ECS marked the expected deployment's rollout FAILED (its circuit breaker tripped): <b>Unhealthy</b>, with ECS's
 *       reason.</li>
 *   <li>A target group has a target in state {@code unhealthy}: <b>Unhealthy</b>, "2 of 3 targets unhealthy in web:
 *       Target.FailedHealthChecks". Failed tasks alone are not: ECS replaces them, so they only show in the summary.</li>
 *   <li>The rollout is done (rolloutState COMPLETED or, when ECS does not report one, the expected deployment is the only
 *       live one), runningCount equals desiredCount, and every target group has at least desiredCount healthy targets
 *       and none initial or unhealthy (draining ones are old tasks leaving): <b>Healthy</b>. With desiredCount 0 the
 *       target groups are not consulted.</li>
 *   <li>Otherwise, once observedAt is past startedAt + deadline: <b>Unhealthy</b>, "not healthy within 5m (last:
 *       &lt;summary&gt;)".</li>
 *   <li>Otherwise <b>InProgress</b>, e.g. "2/3 running, 1 pending; tg web: 1 healthy, 1 initial".</li>
 * </ol>
 */
public final class RolloutJudge {

    private static final List<String> TARGET_STATES =
            List.of("healthy", "initial", "unhealthy", "draining", "unused", "unavailable");

    private RolloutJudge() {}

    /** The verdict on the observed rollout, started at {@code startedAt} and allowed {@code deadline} to become healthy. */
    public static HealthVerdict judge(RolloutObservation observation, Instant startedAt, Duration deadline) {
        String expected = observation.expectedTaskDefinitionArn();
        Optional<EcsDeploymentView> primary = observation.deployments().stream()
                .filter(deployment -> deployment.status().equals("PRIMARY"))
                .findFirst();
        if (primary.isPresent() && !primary.get().taskDefinitionArn().equals(expected)) {
            return new Unhealthy("service now runs " + primary.get().taskDefinitionArn() + ", not " + expected
                    + ": changed outside this deployment");
        }
        Optional<EcsDeploymentView> found = primary.or(() -> observation.deployments().stream()
                .filter(deployment -> deployment.isLive() && deployment.taskDefinitionArn().equals(expected))
                .findFirst());
        if (found.isEmpty()) {
            return new Unhealthy("service no longer runs " + expected + ": changed outside this deployment");
        }
        EcsDeploymentView ours = found.get();

        if (ours.rolloutState().filter("FAILED"::equals).isPresent()) {
            return new Unhealthy("ECS rollout failed: " + ours.rolloutStateReason().orElse("no reason given"));
        }

        List<String> unhealthy = observation.targetGroups().stream()
                .filter(group -> group.count("unhealthy") > 0)
                .map(RolloutJudge::describeUnhealthy)
                .toList();
        if (!unhealthy.isEmpty()) {
            return new Unhealthy(String.join("; ", unhealthy));
        }

        boolean rolloutDone = ours.rolloutState()
                .map("COMPLETED"::equals)
                .orElseGet(() -> observation.deployments().stream().filter(EcsDeploymentView::isLive).count() == 1);
        boolean tasksReady = ours.runningCount() == ours.desiredCount();
        boolean targetsReady = ours.desiredCount() == 0 || observation.targetGroups().stream().allMatch(group ->
                group.count("healthy") >= ours.desiredCount() && group.count("initial") == 0);
        String summary = summary(observation, ours, tasksReady && targetsReady && !rolloutDone);
        if (rolloutDone && tasksReady && targetsReady) {
            return new Healthy(summary);
        }
        if (observation.observedAt().isAfter(startedAt.plus(deadline))) {
            return new Unhealthy("not healthy within " + Durations.toHuman(deadline) + " (last: " + summary + ")");
        }
        return new InProgress(summary);
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
    private static String summary(RolloutObservation observation, EcsDeploymentView ours, boolean waitingForEcs) {
        List<String> parts = new ArrayList<>();
        StringBuilder tasks = new StringBuilder(ours.runningCount() + "/" + ours.desiredCount() + " running");
        if (ours.pendingCount() > 0) {
            tasks.append(", ").append(ours.pendingCount()).append(" pending");
        }
        if (ours.failedTasks() > 0) {
            tasks.append(", ").append(ours.failedTasks()).append(" failed");
        }
        parts.add(tasks.toString());
        for (TargetGroupHealth group : observation.targetGroups()) {
            parts.add("tg " + group.name() + ": " + describeTargets(group));
        }
        int oldRunning = observation.deployments().stream()
                .filter(deployment -> deployment != ours && deployment.isLive())
                .mapToInt(EcsDeploymentView::runningCount)
                .sum();
        if (oldRunning > 0) {
            parts.add("old revision: " + oldRunning + " running");
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
