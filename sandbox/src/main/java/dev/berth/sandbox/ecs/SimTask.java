package dev.berth.sandbox.ecs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The mutable state of one task inside a {@link SimService}: its planned lifecycle (fixed when it is
 * launched, from the timings and its image's behaviour) and where it has got to.
 */
final class SimTask {

    /** One registration of the task's IP in a target group. */
    static final class Registration {
        final LoadBalancerBinding binding;
        TargetState state = TargetState.INITIAL;

        Registration(LoadBalancerBinding binding) {
            this.binding = binding;
        }
    }

    final String arn;
    final SimDeployment deployment;
    final String privateIp;
    final ImageBehaviour behaviour;
    /** Snapshot of the service's load balancers at launch: a later change does not move running tasks. */
    final List<LoadBalancerBinding> bindings;
    final Instant createdAt;
    final Instant pendingAt;
    final Instant runningAt;

    TaskStatus lastStatus = TaskStatus.PROVISIONING;
    boolean desiredRunning = true;
    /** Passed its health checks (or needs none): counts as healthy for the rolling update. */
    boolean ready;
    String healthStatus = "UNKNOWN";
    final List<Registration> registrations = new ArrayList<>();

    private Instant startedAt;
    /** When the health checks reach their verdict; empty once reached or when nothing checks the task. */
    private Instant checksSettleAt;
    private boolean checksPass;
    /** When ECS acts on a failed health check. */
    private Instant ecsStopAt;
    /** When draining ends and the task stops. */
    private Instant stopAt;
    private Instant stoppingAt;
    private Instant stoppedAt;
    private String stoppedReason;
    private String stopCode;
    private Integer exitCode;

    SimTask(String arn, SimDeployment deployment, String privateIp, ImageBehaviour behaviour,
            List<LoadBalancerBinding> bindings, Instant createdAt, DataPlaneTimings timings) {
        this.arn = arn;
        this.deployment = deployment;
        this.privateIp = privateIp;
        this.behaviour = behaviour;
        this.bindings = List.copyOf(bindings);
        this.createdAt = createdAt;
        this.pendingAt = createdAt.plus(timings.provisioningDelay());
        this.runningAt = pendingAt.plus(timings.taskStartDelay());
    }

    String id() {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** Whether ECS still wants this task running (its desiredStatus is RUNNING). */
    boolean active() {
        return desiredRunning;
    }

    boolean activeAndReady() {
        return desiredRunning && ready && lastStatus == TaskStatus.RUNNING;
    }

    /** The next instant something happens to this task on its own, if anything will. */
    Optional<Instant> dueAt() {
        return Optional.ofNullable(switch (lastStatus) {
            case PROVISIONING -> pendingAt;
            case PENDING -> runningAt;
            case RUNNING -> !desiredRunning ? null : checksSettleAt != null ? checksSettleAt : ecsStopAt;
            case DEACTIVATING -> stopAt;
            case STOPPED -> null;
        });
    }

    boolean checksPending() {
        return checksSettleAt != null;
    }

    boolean checksPass() {
        return checksPass;
    }

    boolean ecsStopPending() {
        return ecsStopAt != null;
    }

    void markRunning(Instant at) {
        lastStatus = TaskStatus.RUNNING;
        startedAt = at;
    }

    /** Health checks (ALB or container) will pass or fail at {@code at}. */
    void scheduleChecks(Instant at, boolean pass) {
        checksSettleAt = at;
        checksPass = pass;
    }

    void settleChecks() {
        checksSettleAt = null;
    }

    void scheduleEcsStop(Instant at) {
        ecsStopAt = at;
    }

    /** ECS wants the task gone: it stops now, or drains first when it is registered in target groups. */
    void beginStop(Instant at, String reason, String code, Instant drainedAt, int containerExitCode) {
        desiredRunning = false;
        ecsStopAt = null;
        checksSettleAt = null;
        stoppingAt = at;
        stoppedReason = reason;
        stopCode = code;
        if (lastStatus == TaskStatus.RUNNING && !registrations.isEmpty()) {
            registrations.forEach(registration -> registration.state = TargetState.DRAINING);
            lastStatus = TaskStatus.DEACTIVATING;
            stopAt = drainedAt;
            exitCode = containerExitCode;
        } else {
            if (lastStatus == TaskStatus.RUNNING) {
                exitCode = containerExitCode;
            }
            finishStop(at);
        }
    }

    /** Draining is over (or there was nothing to drain): the task is STOPPED and out of its target groups. */
    void finishStop(Instant at) {
        lastStatus = TaskStatus.STOPPED;
        stopAt = null;
        stoppedAt = at;
        registrations.clear();
    }

    Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    Optional<Instant> stoppedAt() {
        return Optional.ofNullable(stoppedAt);
    }

    TaskView view(ServiceKey service, String launchType) {
        List<TaskView.ContainerView> containers = deployment.taskDefinition.containers().stream()
                .map(container -> new TaskView.ContainerView(container.name(), container.image(), containerStatus(),
                        Optional.ofNullable(exitCode), container.healthCheck() ? healthStatus : "UNKNOWN"))
                .toList();
        return new TaskView(arn, service, deployment.id, deployment.taskDefinition.arn(), lastStatus,
                desiredRunning ? "RUNNING" : "STOPPED", healthStatus, privateIp, launchType, createdAt,
                Optional.ofNullable(startedAt), Optional.ofNullable(stoppingAt), Optional.ofNullable(stoppedAt),
                Optional.ofNullable(stoppedReason), Optional.ofNullable(stopCode), containers);
    }

    Stream<Registration> registrationsIn(String targetGroupArn) {
        return registrations.stream().filter(r -> r.binding.targetGroupArn().equals(targetGroupArn));
    }

    private String containerStatus() {
        return switch (lastStatus) {
            case PROVISIONING, PENDING -> "PENDING";
            case RUNNING, DEACTIVATING -> "RUNNING";
            case STOPPED -> "STOPPED";
        };
    }
}
