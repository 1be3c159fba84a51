package dev.berth.sandbox.ecs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /**
     * How the task answers its load balancer (the worst of its essential containers' images). Fixed at
     * launch from the scenario; changed only when a behaviour is applied to running tasks.
     */
    ImageBehaviour behaviour;
    /** How each container's own image behaves (by name), for its container health check; fixed likewise. */
    private Map<String, ImageBehaviour> containerBehaviours;
    /** Snapshot of the service's load balancers at launch: a later change does not move running tasks. */
    final List<LoadBalancerBinding> bindings;
    final Instant createdAt;
    final Instant pendingAt;
    final Instant runningAt;

    TaskStatus lastStatus = TaskStatus.PROVISIONING;
    boolean desiredRunning = true;
    /**
     * Passed its health checks (or needs none): its targets are healthy, if it has any, and its task health
     * is HEALTHY, if an essential container has a check. Counts as healthy for the rolling update.
     */
    boolean ready;
    /**
     * ECS found it unhealthy after it had served, and replaces it: it keeps running, counting for
     * nothing, until a replacement is healthy (or ECS needs the room to start one).
     */
    boolean beingReplaced;
    /** Why ECS found it unhealthy, once it did: the stopped reason it will get. */
    Optional<String> failedChecksReason = Optional.empty();
    final List<Registration> registrations = new ArrayList<>();

    private Instant startedAt;
    /** Its targets' load balancer health checks once it runs; empty when it has no targets. */
    private Optional<HealthChecks> targetChecks = Optional.empty();
    /** The container health checks of the containers that declare one, by name, once it runs. */
    private final Map<String, ContainerHealthChecks> containerChecks = new LinkedHashMap<>();
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
            Map<String, ImageBehaviour> containerBehaviours, List<LoadBalancerBinding> bindings, Instant createdAt,
            DataPlaneTimings timings) {
        this.arn = arn;
        this.deployment = deployment;
        this.privateIp = privateIp;
        this.behaviour = behaviour;
        this.containerBehaviours = Map.copyOf(containerBehaviours);
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
            case RUNNING -> earliest(earliest(targetChecks.flatMap(HealthChecks::dueAt), containerChecksDueAt()),
                    Optional.ofNullable(ecsActAt));
            case DEACTIVATING -> Optional.of(stopAt);
            case STOPPED -> Optional.empty();
        };
    }

    void markRunning(Instant at) {
        lastStatus = TaskStatus.RUNNING;
        startedAt = at;
    }

    /** Starts the task's target health checks (if it has targets) and its containers' own, now it is RUNNING. */
    void startChecks(Instant at, DataPlaneTimings timings) {
        if (!bindings.isEmpty()) {
            targetChecks = Optional.of(new HealthChecks(timings, behaviour, at, seed("")));
        }
        for (TaskDefinitionInfo.ContainerInfo container : deployment.taskDefinition.containers()) {
            container.healthCheck().ifPresent(check -> containerChecks.put(container.name(),
                    new ContainerHealthChecks(check, containerBehaviour(container.name()), at, seed(container.name()))));
        }
    }

    boolean targetChecksDue(Instant at) {
        return isDue(targetChecks.flatMap(HealthChecks::dueAt), at);
    }

    /** Runs the target checks due at {@code at}; the new verdict when it changed. */
    Optional<HealthChecks.Verdict> runTargetChecks(Instant at) {
        return targetChecks.flatMap(running -> running.check(at));
    }

    /** The target checks' current verdict; empty when the task has no targets (or is not running yet). */
    Optional<HealthChecks.Verdict> targetVerdict() {
        return targetChecks.map(HealthChecks::verdict);
    }

    boolean containerChecksDue(Instant at) {
        return isDue(containerChecksDueAt(), at);
    }

    /** Runs the container checks due at {@code at}; the task's new health status when it changed. */
    Optional<ContainerHealthChecks.Status> runContainerChecks(Instant at) {
        ContainerHealthChecks.Status before = healthStatus();
        containerChecks.values().stream().filter(checks -> isDue(checks.dueAt(), at)).forEach(checks -> checks.check(at));
        ContainerHealthChecks.Status after = healthStatus();
        return after == before ? Optional.empty() : Optional.of(after);
    }

    /**
     * The task's health status, as ECS derives it: UNHEALTHY when an essential container is, HEALTHY when
     * every essential container with a check is, else UNKNOWN (also when no essential container has one).
     */
    ContainerHealthChecks.Status healthStatus() {
        List<ContainerHealthChecks.Status> essential = deployment.taskDefinition.containers().stream()
                .filter(TaskDefinitionInfo.ContainerInfo::essential)
                .map(container -> containerChecks.get(container.name()))
                .filter(checks -> checks != null)
                .map(ContainerHealthChecks::status)
                .toList();
        if (essential.contains(ContainerHealthChecks.Status.UNHEALTHY)) {
            return ContainerHealthChecks.Status.UNHEALTHY;
        }
        return !essential.isEmpty() && essential.stream().allMatch(status -> status == ContainerHealthChecks.Status.HEALTHY)
                ? ContainerHealthChecks.Status.HEALTHY : ContainerHealthChecks.Status.UNKNOWN;
    }

    /** Whether something checks the task (its targets, or an essential container's health check). */
    boolean checked() {
        return !bindings.isEmpty() || deployment.taskDefinition.hasContainerHealthCheck();
    }

    /** Whether every check the task has passes now: what it takes to count as ready. */
    boolean passesChecks() {
        boolean targetsHealthy = targetVerdict().map(verdict -> verdict == HealthChecks.Verdict.HEALTHY).orElse(true);
        boolean containersHealthy = !deployment.taskDefinition.hasContainerHealthCheck()
                || healthStatus() == ContainerHealthChecks.Status.HEALTHY;
        return targetsHealthy && containersHealthy;
    }

    /**
     * From {@code at} on, the task answers its load balancer as {@code newBehaviour} and each container's
     * check as {@code newContainerBehaviours} says (the checks count on from there).
     */
    void changeBehaviour(ImageBehaviour newBehaviour, Map<String, ImageBehaviour> newContainerBehaviours, Instant at) {
        behaviour = newBehaviour;
        containerBehaviours = Map.copyOf(newContainerBehaviours);
        targetChecks.ifPresent(running -> running.changeBehaviour(newBehaviour, at));
        containerChecks.forEach((name, running) -> running.changeBehaviour(containerBehaviour(name), at));
    }

    /** Whether applying {@code newBehaviour} and {@code newContainerBehaviours} would change anything. */
    boolean behavesAs(ImageBehaviour newBehaviour, Map<String, ImageBehaviour> newContainerBehaviours) {
        return behaviour.equals(newBehaviour) && containerBehaviours.equals(newContainerBehaviours);
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
        // A container without a check, or not started yet, reports UNKNOWN; a stopped one keeps its last status.
        List<TaskView.ContainerView> containers = deployment.taskDefinition.containers().stream()
                .map(container -> new TaskView.ContainerView(container.name(), container.image(),
                        container.identity().reportedDigest(), runtimeId(container.name(), launchType),
                        containerStatus(), Optional.ofNullable(exitCode), Optional.empty(),
                        Optional.ofNullable(containerChecks.get(container.name()))
                                .map(checks -> checks.status().name()).orElse("UNKNOWN")))
                .toList();
        return new TaskView(arn, service, deployment.id, deployment.taskDefinition.arn(), lastStatus,
                desiredRunning ? "RUNNING" : "STOPPED", healthStatus().name(), privateIp, launchType, createdAt,
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

    private Optional<Instant> containerChecksDueAt() {
        return containerChecks.values().stream().map(ContainerHealthChecks::dueAt).flatMap(Optional::stream)
                .min(Instant::compareTo);
    }

    private ImageBehaviour containerBehaviour(String containerName) {
        return containerBehaviours.getOrDefault(containerName, behaviour);
    }

    /**
     * Seeded from the ARN (itself from the plane's seeded ids) and what is checked: a flaky image flaps the
     * same way every run, and each container's checks differently from its targets'.
     */
    private long seed(String checked) {
        String name = checked.isEmpty() ? arn : arn + "/" + checked;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    private static boolean isDue(Optional<Instant> due, Instant at) {
        return due.filter(instant -> !instant.isAfter(at)).isPresent();
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
