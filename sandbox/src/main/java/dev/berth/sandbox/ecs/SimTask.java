package dev.berth.sandbox.ecs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
    /** Fixed at launch from the scenario; changed only when a behaviour is applied to running tasks. */
    ImageBehaviour behaviour;
    /** Snapshot of the service's load balancers at launch: a later change does not move running tasks. */
    final List<LoadBalancerBinding> bindings;
    final Instant createdAt;
    final Instant pendingAt;
    final Instant runningAt;

    TaskStatus lastStatus = TaskStatus.PROVISIONING;
    boolean desiredRunning = true;
    /** Passed its health checks (or needs none): counts as healthy for the rolling update. */
    boolean ready;
    /**
     * ECS found it unhealthy after it had served, and replaces it: it keeps running, counting for
     * nothing, until a replacement is healthy (or ECS needs the room to start one).
     */
    boolean beingReplaced;
    String healthStatus = "UNKNOWN";
    final List<Registration> registrations = new ArrayList<>();

    private Instant startedAt;
    /** The task's health checks once it runs; empty when nothing checks it. */
    private Optional<HealthChecks> checks = Optional.empty();
    /** When ECS acts on a failed verdict (if the checks still fail then). */
    private Instant ecsActAt;
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
        return switch (lastStatus) {
            case PROVISIONING -> Optional.of(pendingAt);
            case PENDING -> Optional.of(runningAt);
            case RUNNING -> earliest(checks.flatMap(HealthChecks::dueAt), Optional.ofNullable(ecsActAt));
            case DEACTIVATING -> Optional.of(stopAt);
            case STOPPED -> Optional.empty();
        };
    }

    void markRunning(Instant at) {
        lastStatus = TaskStatus.RUNNING;
        startedAt = at;
    }

    /** Starts the load balancer's (or container's) health checks of the task, now RUNNING. */
    void startChecks(Instant at, DataPlaneTimings timings) {
        // Seeded from the ARN (itself from the plane's seeded ids): a flaky image flaps the same way every run.
        long seed = UUID.nameUUIDFromBytes(arn.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        checks = Optional.of(new HealthChecks(timings, behaviour, at, seed));
    }

    boolean checksDue(Instant at) {
        return checks.flatMap(HealthChecks::dueAt).filter(due -> !due.isAfter(at)).isPresent();
    }

    /** Runs the checks due at {@code at}; the new verdict when it changed. */
    Optional<HealthChecks.Verdict> runChecks(Instant at) {
        return checks.flatMap(running -> running.check(at));
    }

    /** The checks' current verdict; empty when nothing checks the task (or it is not running yet). */
    Optional<HealthChecks.Verdict> verdict() {
        return checks.map(HealthChecks::verdict);
    }

    /** Whether something checks the task, so a changed behaviour can show. */
    boolean checked() {
        return checks.isPresent();
    }

    /** From {@code at} on, the app behaves as {@code newBehaviour} (the checks count on from there). */
    void changeBehaviour(ImageBehaviour newBehaviour, Instant at) {
        behaviour = newBehaviour;
        checks.ifPresent(running -> running.changeBehaviour(newBehaviour, at));
    }

    boolean ecsActDue(Instant at) {
        return ecsActAt != null && !ecsActAt.isAfter(at);
    }

    /** ECS looks at the task's failed verdict at {@code at}, unless it is already going to. */
    void scheduleEcsAct(Instant at) {
        if (ecsActAt == null) {
            ecsActAt = at;
        }
    }

    void ecsActed() {
        ecsActAt = null;
    }

    /** ECS wants the task gone: it stops now, or drains first when it is registered in target groups. */
    void beginStop(Instant at, String reason, String code, Instant drainedAt, int containerExitCode) {
        desiredRunning = false;
        ecsActAt = null;
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
                .map(container -> new TaskView.ContainerView(container.name(), container.image(),
                        container.identity().reportedDigest(), runtimeId(container.name(), launchType),
                        containerStatus(), Optional.ofNullable(exitCode), container.healthCheck() ? healthStatus : "UNKNOWN"))
                .toList();
        return new TaskView(arn, service, deployment.id, deployment.taskDefinition.arn(), lastStatus,
                desiredRunning ? "RUNNING" : "STOPPED", healthStatus, privateIp, launchType, createdAt,
                Optional.ofNullable(startedAt), Optional.ofNullable(stoppingAt), Optional.ofNullable(stoppedAt),
                Optional.ofNullable(stoppedReason), Optional.ofNullable(stopCode), containers);
    }

    Stream<Registration> registrationsIn(String targetGroupArn) {
        return registrations.stream().filter(r -> r.binding.targetGroupArn().equals(targetGroupArn));
    }

    /**
     * The container runtime's id, stable per task and container: on Fargate {@code <task id>-<10 digits>},
     * elsewhere a Docker container id (64 hex digits), as ECS reports them.
     */
    private String runtimeId(String containerName, String launchType) {
        UUID seed = UUID.nameUUIDFromBytes((arn + "/" + containerName).getBytes(StandardCharsets.UTF_8));
        if (launchType.equals("FARGATE")) {
            return id() + "-" + String.format("%010d", Math.floorMod(seed.getLeastSignificantBits(), 10_000_000_000L));
        }
        UUID more = UUID.nameUUIDFromBytes(seed.toString().getBytes(StandardCharsets.UTF_8));
        return (seed.toString() + more).replace("-", "");
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.get().isBefore(b.get()) ? a : b;
    }

    private String containerStatus() {
        return switch (lastStatus) {
            case PROVISIONING, PENDING -> "PENDING";
            case RUNNING, DEACTIVATING -> "RUNNING";
            case STOPPED -> "STOPPED";
        };
    }
}
