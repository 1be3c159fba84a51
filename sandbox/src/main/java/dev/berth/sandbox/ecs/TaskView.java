package dev.berth.sandbox.ecs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task of a simulated service as DescribeTasks shows it.
 *
 * @param healthStatus from its essential containers' health checks: UNHEALTHY when one is, HEALTHY when all
 *                     that have a check are, else UNKNOWN (like ECS, which does not fold load balancer
 *                     health into it)
 */
public record TaskView(String taskArn, ServiceKey service, String deploymentId, String taskDefinitionArn,
                       TaskStatus lastStatus, String desiredStatus, String healthStatus, String privateIp,
                       String launchType, Instant createdAt, Optional<Instant> startedAt,
                       Optional<Instant> stoppingAt, Optional<Instant> stoppedAt, Optional<String> stoppedReason,
                       Optional<String> stopCode, List<ContainerView> containers) {

    /**
     * One container of the task; {@code lastStatus} is PENDING, RUNNING or STOPPED like ECS containers;
     * {@code imageDigest} is the digest ECS pulled (resolved when the deployment started); {@code reason}
     * is ECS's short explanation of a stopped container, where it gives one; {@code healthStatus} is its
     * own container health check's (UNKNOWN without one).
     */
    public record ContainerView(String name, String image, String imageDigest, String runtimeId, String lastStatus,
                                Optional<Integer> exitCode, Optional<String> reason, String healthStatus) {}

    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    /** {@code ecs-svc/...}: ECS starts service tasks on behalf of their deployment. */
    public String startedBy() {
        return deploymentId;
    }

    public String group() {
        return "service:" + service.serviceName();
    }
}
