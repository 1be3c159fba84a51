package dev.berth.domain.health;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One look at a service, made to judge one revision of it.
 *
 * @param expectedTaskDefinitionArn the revision under judgement
 * @param previousTaskDefinitionArn when judging the new revision, the one that served before it: where ECS's own
 *                                  circuit-breaker rollback returns the service; empty otherwise
 * @param circuitBreakerRollback    whether the service's deployment circuit breaker rolls back by itself
 * @param deployments               the service's ECS deployments, as DescribeServices lists them
 * @param tasks                     the service's tasks Berth looked at (running ones, and stopped ones when
 *                                  ECS reported failed tasks); only those of the expected revision count
 * @param targetGroups              every target group the service registers into, with every target in it
 * @param previousFailedTasks       ECS's count of the revision's failed tasks at the look before (0 at the first)
 * @param containerChecks           the revision's essential containers that have a container health check
 */
public record RevisionObservation(
        String expectedTaskDefinitionArn,
        Optional<String> previousTaskDefinitionArn,
        boolean circuitBreakerRollback,
        List<EcsDeploymentView> deployments,
        List<TaskView> tasks,
        List<TargetGroupHealth> targetGroups,
        Instant observedAt,
        int previousFailedTasks,
        ContainerChecks containerChecks) {

    /** A look at a revision without container health checks. */
    public RevisionObservation(String expectedTaskDefinitionArn, Optional<String> previousTaskDefinitionArn,
                               boolean circuitBreakerRollback, List<EcsDeploymentView> deployments, List<TaskView> tasks,
                               List<TargetGroupHealth> targetGroups, Instant observedAt, int previousFailedTasks) {
        this(expectedTaskDefinitionArn, previousTaskDefinitionArn, circuitBreakerRollback, deployments, tasks, targetGroups,
                observedAt, previousFailedTasks, ContainerChecks.none());
    }

    /** The first look of a step: no failed tasks seen before. */
    public RevisionObservation(String expectedTaskDefinitionArn, Optional<String> previousTaskDefinitionArn,
                               boolean circuitBreakerRollback, List<EcsDeploymentView> deployments, List<TaskView> tasks,
                               List<TargetGroupHealth> targetGroups, Instant observedAt) {
        this(expectedTaskDefinitionArn, previousTaskDefinitionArn, circuitBreakerRollback, deployments, tasks, targetGroups,
                observedAt, 0);
    }

    public RevisionObservation {
        if (expectedTaskDefinitionArn == null || expectedTaskDefinitionArn.isBlank() || observedAt == null) {
            throw new IllegalArgumentException("an observation needs the expected task definition and when it was made");
        }
        previousTaskDefinitionArn = previousTaskDefinitionArn == null ? Optional.empty() : previousTaskDefinitionArn;
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
        containerChecks = containerChecks == null ? ContainerChecks.none() : containerChecks;
    }

    /** The revision's own tasks that run (desired and last status RUNNING). */
    public List<TaskView> ownRunningTasks() {
        return ownTasks().stream().filter(TaskView::isRunning).toList();
    }

    /** The tasks of the revision under judgement. */
    public List<TaskView> ownTasks() {
        return tasks.stream().filter(task -> task.taskDefinitionArn().equals(expectedTaskDefinitionArn)).toList();
    }

    /** {@code group} narrowed to the targets behind the revision's own running or draining tasks. */
    public TargetGroupHealth ownTargets(TargetGroupHealth group) {
        List<TaskView> own = ownTasks().stream().filter(task -> !task.lastStatus().equals("STOPPED")).toList();
        return new TargetGroupHealth(group.targetGroupArn(),
                group.targets().stream().filter(target -> own.stream().anyMatch(task -> task.owns(target))).toList());
    }
}
