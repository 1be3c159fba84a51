package dev.berth.domain.health;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One ECS task as DescribeTasks shows it, reduced to what a verdict needs.
 *
 * @param lastStatus PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING or STOPPED
 * @param endpoints  where its load-balancer targets can be: the task's own IP (awsvpc, any port), or the
 *                   container instance with each host port (bridge and host network modes)
 * @param stopCode   e.g. {@code EssentialContainerExited}, {@code TaskFailedToStart}, {@code ServiceSchedulerInitiated}
 * @param healthStatus the task's {@code healthStatus}: HEALTHY, UNHEALTHY or UNKNOWN, from its essential containers'
 *                     own health checks (ECS does not fold load-balancer health into it)
 */
public record TaskView(String taskArn, String taskDefinitionArn, String lastStatus, String desiredStatus,
                       Optional<Instant> startedAt, Optional<Instant> stoppedAt, Optional<String> stopCode,
                       Optional<String> stoppedReason, List<Endpoint> endpoints, List<ContainerView> containers,
                       Optional<Instant> createdAt, Optional<String> healthStatus) {

    /** A task whose health ECS does not report. */
    public TaskView(String taskArn, String taskDefinitionArn, String lastStatus, String desiredStatus,
                    Optional<Instant> startedAt, Optional<Instant> stoppedAt, Optional<String> stopCode,
                    Optional<String> stoppedReason, List<Endpoint> endpoints, List<ContainerView> containers,
                    Optional<Instant> createdAt) {
        this(taskArn, taskDefinitionArn, lastStatus, desiredStatus, startedAt, stoppedAt, stopCode, stoppedReason, endpoints,
                containers, createdAt, Optional.empty());
    }

    /** A task whose creation time is not known (it then counts as new for any judgement). */
    public TaskView(String taskArn, String taskDefinitionArn, String lastStatus, String desiredStatus,
                    Optional<Instant> startedAt, Optional<Instant> stoppedAt, Optional<String> stopCode,
                    Optional<String> stoppedReason, List<Endpoint> endpoints, List<ContainerView> containers) {
        this(taskArn, taskDefinitionArn, lastStatus, desiredStatus, startedAt, stoppedAt, stopCode, stoppedReason, endpoints,
                containers, Optional.empty());
    }

    /** A place a target can point at: an IP or instance id, and a port (0 for any port of that IP). */
    public record Endpoint(String id, int port) {
        public boolean matches(TargetView target) {
            return id.equals(target.id()) && (port == 0 || port == target.port());
        }
    }

    /** One container of the task; {@code healthStatus} is its own health check's: HEALTHY, UNHEALTHY or UNKNOWN. */
    public record ContainerView(String name, Optional<Integer> exitCode, Optional<String> reason,
                                Optional<String> imageDigest, Optional<String> healthStatus) {
        public ContainerView {
            exitCode = exitCode == null ? Optional.empty() : exitCode;
            reason = reason == null ? Optional.empty() : reason;
            imageDigest = imageDigest == null ? Optional.empty() : imageDigest;
            healthStatus = healthStatus == null ? Optional.empty() : healthStatus;
        }

        /** A container whose health ECS does not report. */
        public ContainerView(String name, Optional<Integer> exitCode, Optional<String> reason, Optional<String> imageDigest) {
            this(name, exitCode, reason, imageDigest, Optional.empty());
        }

        public boolean reports(String status) {
            return healthStatus.filter(status::equals).isPresent();
        }
    }

    public TaskView {
        if (taskArn == null || taskDefinitionArn == null || lastStatus == null || desiredStatus == null) {
            throw new IllegalArgumentException("a task needs its ARN, task definition and statuses");
        }
        startedAt = startedAt == null ? Optional.empty() : startedAt;
        stoppedAt = stoppedAt == null ? Optional.empty() : stoppedAt;
        stopCode = stopCode == null ? Optional.empty() : stopCode;
        stoppedReason = stoppedReason == null ? Optional.empty() : stoppedReason;
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        containers = containers == null ? List.of() : List.copyOf(containers);
        createdAt = createdAt == null ? Optional.empty() : createdAt;
        healthStatus = healthStatus == null ? Optional.empty() : healthStatus;
    }

    /**
     * Whether the task's health is {@code status}; ECS's task-level status when it gives one, else what the
     * {@code checked} containers report (all of them for HEALTHY, any for UNHEALTHY).
     */
    public boolean health(String status, List<String> checked) {
        if (healthStatus.isPresent()) {
            return healthStatus.get().equals(status);
        }
        List<ContainerView> mine = containers.stream().filter(container -> checked.contains(container.name())).toList();
        return status.equals("UNHEALTHY") ? mine.stream().anyMatch(c -> c.reports(status))
                : !mine.isEmpty() && mine.stream().allMatch(c -> c.reports(status));
    }

    /** Whether the task was created at or after {@code instant} (a task of unknown age counts as created then). */
    public boolean createdSince(Instant instant) {
        return createdAt.map(created -> !created.isBefore(instant)).orElse(true);
    }

    public boolean isRunning() {
        return lastStatus.equals("RUNNING") && desiredStatus.equals("RUNNING");
    }

    /** Whether this task is behind {@code target}. */
    public boolean owns(TargetView target) {
        return endpoints.stream().anyMatch(endpoint -> endpoint.matches(target));
    }

    /**
     * Whether it stopped because its own code could not start or keep running (an essential container
     * exited, or the task never started), rather than being stopped by the scheduler.
     */
    public boolean crashed() {
        return stopCode.filter(code -> code.equals("EssentialContainerExited") || code.equals("TaskFailedToStart")).isPresent();
    }
}
