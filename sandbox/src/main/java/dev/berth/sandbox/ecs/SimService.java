package dev.berth.sandbox.ecs;

import dev.berth.sandbox.ecs.EcsDeploymentEvent.Name;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One simulated ECS service: its deployments and tasks, moved through time by {@link #step} and
 * reconciled like the ECS service scheduler does a rolling update.
 */
final class SimService {

    /** ECS keeps stopped tasks visible for about an hour. */
    private static final Duration STOPPED_TASK_RETENTION = Duration.ofHours(1);
    private static final int SIGTERM_EXIT = 143;

    final ServiceKey key;
    final String serviceArn;
    private final String launchType;
    private final PlaneContext context;
    private final ServiceMessages messages;

    private int desiredCount;
    private RolloutSettings rollout;
    private List<LoadBalancerBinding> loadBalancers;
    /** The PRIMARY deployment first, then ACTIVE ones newest first. */
    private final List<SimDeployment> deployments = new ArrayList<>();
    private final List<SimTask> tasks = new ArrayList<>();
    private Optional<SimDeployment> lastCompleted = Optional.empty();
    private boolean steady;

    SimService(ServiceSpec spec, Instant now, PlaneContext context) {
        this.key = spec.key();
        this.serviceArn = spec.serviceArn();
        this.launchType = spec.launchType();
        this.context = context;
        this.messages = new ServiceMessages(spec.key().serviceName(), context.ids());
        this.desiredCount = spec.desiredCount();
        this.rollout = spec.rollout();
        this.loadBalancers = spec.loadBalancers();
        startDeployment(spec.taskDefinition(), now, Optional.empty());
        reconcile(now);
    }

    void update(ServiceUpdate update, Instant now) {
        update.desiredCount().ifPresent(count -> {
            if (count < 0) {
                throw new IllegalArgumentException("desiredCount must not be negative: " + count);
            }
            desiredCount = count;
        });
        update.rollout().ifPresent(settings -> rollout = settings);
        boolean newLoadBalancers = update.loadBalancers().filter(bindings -> !bindings.equals(loadBalancers)).isPresent();
        update.loadBalancers().ifPresent(bindings -> loadBalancers = List.copyOf(bindings));
        SimDeployment primary = primary();
        boolean newTaskDefinition = update.taskDefinition()
                .filter(definition -> !definition.arn().equals(primary.taskDefinition.arn())).isPresent();
        if (newTaskDefinition || newLoadBalancers || update.forceNewDeployment()) {
            startDeployment(update.taskDefinition().orElse(primary.taskDefinition), now, Optional.empty());
        }
        reconcile(now);
    }

    /** The next instant one of this service's tasks changes on its own. */
    Optional<Instant> nextDueAt() {
        return tasks.stream().map(SimTask::dueAt).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    /** Applies every task transition due at or before {@code now}, then lets the scheduler react. */
    void step(Instant now) {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (SimTask task : List.copyOf(tasks)) {
                Optional<Instant> due = task.dueAt();
                if (due.isPresent() && !due.get().isAfter(now)) {
                    transition(task, due.get());
                    moved = true;
                }
            }
        }
        messages.flush(now);
        reconcile(now);
        prune(now);
    }

    /** Forgets tasks that stopped long enough ago that ECS would no longer show them. */
    void prune(Instant now) {
        tasks.removeIf(task -> task.stoppedAt()
                .filter(stopped -> stopped.plus(STOPPED_TASK_RETENTION).isBefore(now)).isPresent());
    }

    ServiceView view() {
        List<DeploymentView> deploymentViews = deployments.stream().map(this::view).toList();
        int running = deploymentViews.stream().mapToInt(DeploymentView::runningCount).sum();
        int pending = deploymentViews.stream().mapToInt(DeploymentView::pendingCount).sum();
        return new ServiceView(key, serviceArn, desiredCount, running, pending, primary().taskDefinition.arn(), rollout,
                loadBalancers, deploymentViews, messages.newestFirst());
    }

    List<TaskView> taskViews() {
        return tasks.stream().map(task -> task.view(key, launchType)).toList();
    }

    /** Whether the service sends traffic to {@code targetGroupArn}, now or through a task launched earlier. */
    boolean usesTargetGroup(String targetGroupArn) {
        return loadBalancers.stream().anyMatch(binding -> binding.targetGroupArn().equals(targetGroupArn))
                || tasks.stream().anyMatch(task -> task.registrationsIn(targetGroupArn).findAny().isPresent());
    }

    Stream<TargetView> targets(String targetGroupArn) {
        return tasks.stream().flatMap(task -> task.registrationsIn(targetGroupArn)
                .map(registration -> new TargetView(task.privateIp, registration.binding.containerPort(),
                        registration.state, task.arn)));
    }

    // ---- task lifecycle ----

    private void transition(SimTask task, Instant at) {
        switch (task.lastStatus) {
            case PROVISIONING -> task.lastStatus = TaskStatus.PENDING;
            case PENDING -> reachRunning(task, at);
            case RUNNING -> {
                if (task.targetChecksDue(at)) {
                    Optional<HealthChecks.Verdict> verdict = task.runTargetChecks(at);
                    if (verdict.isEmpty()) {
                        return; // a check that changes nothing (a flaky image's) leaves the deployment as it was
                    }
                    onTargetVerdict(task, verdict.get(), at);
                } else if (task.containerChecksDue(at)) {
                    Optional<ContainerHealthChecks.Status> health = task.runContainerChecks(at);
                    if (health.isEmpty()) {
                        return; // e.g. a non-essential container's status, which the task's health ignores
                    }
                    onTaskHealth(task, health.get(), at);
                } else if (task.ecsActDue(at)) {
                    task.ecsActed();
                    actOnFailedChecks(task, at);
                }
            }
            case DEACTIVATING -> {
                task.finishStop(at);
                messages.stopped(task.id());
            }
            case STOPPED -> throw new IllegalStateException("a stopped task has nothing due: " + task.arn);
        }
        task.deployment.updatedAt = at;
    }

    private void reachRunning(SimTask task, Instant at) {
        if (failsOnItsPlatform(task, at)) {
            return;
        }
        task.markRunning(at);
        if (task.behaviour instanceof ImageBehaviour.CrashOnStart) {
            crash(task, at);
            return;
        }
        for (LoadBalancerBinding binding : task.bindings) {
            task.registrations.add(new SimTask.Registration(binding));
            messages.registered(binding.targetGroupArn());
        }
        task.startChecks(at, context.timings());
        if (!task.checked()) {
            // Nothing checks the task: ECS counts it as healthy once RUNNING, whatever the app does.
            task.ready = true;
        }
    }

    /**
     * An essential image not built for the task's platform fails the task as on Fargate (see
     * {@link PlatformMismatch}): an index without the platform fails the pull, before the task runs; a single
     * image for another architecture runs and exits at once. Either counts as a failed task.
     */
    private boolean failsOnItsPlatform(SimTask task, Instant at) {
        Optional<PlatformMismatch> mismatch = task.deployment.taskDefinition.platformMismatch();
        if (mismatch.isEmpty()) {
            return false;
        }
        switch (mismatch.get()) {
            case PlatformMismatch.NoManifestForPlatform pull -> {
                stop(task, at, pull.stoppedReason(), "TaskFailedToStart");
                countFailure(task, at);
            }
            case PlatformMismatch.ExecFormatError exec -> {
                task.markRunning(at);
                crash(task, at); // exit code 1, "Essential container in task exited"
            }
        }
        return true;
    }

    private void onTargetVerdict(SimTask task, HealthChecks.Verdict verdict, Instant at) {
        switch (verdict) {
            case HEALTHY -> {
                task.registrations.forEach(registration -> registration.state = TargetState.HEALTHY);
                becameReadyIfPassing(task);
            }
            case UNHEALTHY -> {
                task.registrations.forEach(registration -> messages.add(at, "(task " + task.id() + ") (port "
                        + registration.binding.containerPort() + ") is unhealthy in (target-group "
                        + registration.binding.targetGroupArn() + ") due to (reason Health checks failed)."));
                task.registrations.forEach(registration -> registration.state = TargetState.UNHEALTHY);
                scheduleEcsAct(task, at);
            }
            case INITIAL -> throw new IllegalStateException("checks never go back to no verdict");
        }
    }

    /** The task's health status (from its essential containers' checks) changed to {@code health}. */
    private void onTaskHealth(SimTask task, ContainerHealthChecks.Status health, Instant at) {
        switch (health) {
            case HEALTHY -> becameReadyIfPassing(task);
            case UNHEALTHY -> {
                messages.add(at, "(task " + task.id() + ") failed container health checks.");
                scheduleEcsAct(task, at);
            }
            case UNKNOWN -> {} // an unhealthy container recovered while another is undecided: nothing to do yet
        }
    }

    /** Once every check of the task passes it counts; once ECS has decided to replace it, a recovery does not. */
    private static void becameReadyIfPassing(SimTask task) {
        if (task.passesChecks() && !task.beingReplaced) {
            task.ready = true;
        }
    }

    /** ECS notices a failed check after a while: longer for a task that had been serving. */
    private void scheduleEcsAct(SimTask task, Instant at) {
        if (!task.beingReplaced) {
            DataPlaneTimings timings = context.timings();
            task.scheduleEcsAct(at.plus(task.ready ? timings.servingTaskReactionDelay() : timings.ecsReactionDelay()));
        }
    }

    /**
     * ECS looks at a task whose checks failed. A task that never passed them is stopped (and counts
     * toward the circuit breaker). A serving task of the primary deployment is replaced first: ECS starts
     * a replacement and stops the unhealthy task once the replacement is healthy (or at once when
     * {@code maximumPercent} leaves no room), as ECS does since 2023. A serving task of an older
     * deployment is stopped: the rollout is retiring that deployment, and the task serves nothing.
     */
    private void actOnFailedChecks(SimTask task, Instant at) {
        Optional<String> reason = failingChecks(task);
        if (reason.isEmpty()) {
            return; // it recovered before ECS looked
        }
        task.failedChecksReason = reason;
        if (task.ready && task.deployment == primary()) {
            task.ready = false;
            task.beingReplaced = true;
            countFailure(task, at);
            return;
        }
        stop(task, at, reason.get());
        countFailure(task, at);
    }

    /** What the task fails now, as ECS's stopped reason: its targets' checks first, else its containers'. */
    private static Optional<String> failingChecks(SimTask task) {
        if (task.targetVerdict().filter(verdict -> verdict == HealthChecks.Verdict.UNHEALTHY).isPresent()) {
            return Optional.of("Task failed ELB health checks in (target-group "
                    + task.bindings.getFirst().targetGroupArn() + ")");
        }
        if (task.healthStatus() == ContainerHealthChecks.Status.UNHEALTHY) {
            return Optional.of("Task failed container health checks");
        }
        return Optional.empty();
    }

    /** The essential container exited: the task stops (its targets drain), and it counts as failed. */
    private void crash(SimTask task, Instant at) {
        task.registrations.forEach(registration -> messages.deregistered(registration.binding.targetGroupArn()));
        task.beginStop(at, "Essential container in task exited", "EssentialContainerExited",
                at.plus(context.drainTime(task)), 1);
        task.deployment.updatedAt = at;
        countFailure(task, at);
    }

    private void stop(SimTask task, Instant at, String reason) {
        stop(task, at, reason, "ServiceSchedulerInitiated");
    }

    private void stop(SimTask task, Instant at, String reason, String stopCode) {
        boolean drains = task.lastStatus == TaskStatus.RUNNING && !task.registrations.isEmpty();
        if (drains) {
            messages.draining(task.id());
            task.registrations.forEach(registration -> messages.deregistered(registration.binding.targetGroupArn()));
        } else if (task.lastStatus == TaskStatus.RUNNING) {
            messages.stopped(task.id());
        }
        task.beginStop(at, reason, stopCode, at.plus(context.drainTime(task)), SIGTERM_EXIT);
        task.deployment.updatedAt = at;
    }

    // ---- from outside ----

    /**
     * Tasks that run an image {@code selector} names take the scenario's behaviour for it from now on:
     * a running one's health checks start answering that way (a crash stops it at once); one still
     * starting behaves so once it runs. Returns how many tasks changed behaviour.
     */
    int applyBehaviours(ImageSelector selector, Instant now) {
        int changed = 0;
        for (SimTask task : List.copyOf(tasks)) {
            if (!task.active() || !task.deployment.taskDefinition.runs(selector)) {
                continue;
            }
            ImageBehaviour behaviour = task.deployment.taskDefinition.behaviourIn(context.scenario());
            Map<String, ImageBehaviour> containerBehaviours =
                    task.deployment.taskDefinition.containerBehavioursIn(context.scenario());
            if (task.behavesAs(behaviour, containerBehaviours)) {
                continue;
            }
            changed++;
            if (task.lastStatus == TaskStatus.RUNNING && behaviour instanceof ImageBehaviour.CrashOnStart) {
                crash(task, now);
            } else {
                task.changeBehaviour(behaviour, containerBehaviours, now);
            }
        }
        messages.flush(now);
        reconcile(now);
        return changed;
    }

    /** StopTask on one of the service's tasks (by ARN or id), as its owner may; empty when it is not one. */
    Optional<TaskView> stopTask(String taskReference, String reason, Instant now) {
        Optional<SimTask> found = tasks.stream()
                .filter(task -> task.arn.equals(taskReference) || task.id().equals(taskReference)).findFirst();
        found.filter(SimTask::active).ifPresent(task -> {
            stop(task, now, reason, "UserInitiated");
            messages.flush(now);
            reconcile(now);
        });
        return found.map(task -> task.view(key, launchType));
    }

    private void countFailure(SimTask task, Instant at) {
        SimDeployment deployment = task.deployment;
        deployment.failedTasks++;
        deployment.updatedAt = at;
        if (deployment == primary() && deployment.rolloutState == RolloutState.IN_PROGRESS
                && rollout.circuitBreakerEnabled()
                && deployment.failedTasks >= RolloutSettings.failureThreshold(desiredCount)) {
            tripCircuitBreaker(deployment, at);
        }
    }

    // ---- deployments ----

    private SimDeployment primary() {
        return deployments.getFirst();
    }

    private void startDeployment(TaskDefinitionInfo taskDefinition, Instant at, Optional<SimDeployment> rollingBackTo) {
        String id = context.ids().deploymentId();
        String reason = rollingBackTo
                .map(target -> "ECS deployment circuit breaker: rolling back to deploymentId " + target.id + ".")
                .orElse("ECS deployment " + id + " in progress.");
        if (!deployments.isEmpty()) {
            primary().status = DeploymentStatus.ACTIVE;
            primary().updatedAt = at;
        }
        deployments.addFirst(new SimDeployment(id, taskDefinition, at, rollingBackTo.isPresent(), reason));
        steady = false;
        publish(Name.SERVICE_DEPLOYMENT_IN_PROGRESS, id, at, reason);
    }

    private void tripCircuitBreaker(SimDeployment failed, Instant at) {
        failed.rolloutState = RolloutState.FAILED;
        failed.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        failed.updatedAt = at;
        messages.add(at, "(deployment " + failed.id + ") deployment failed: tasks failed to start.");
        publish(Name.SERVICE_DEPLOYMENT_FAILED, failed.id, at, failed.rolloutStateReason);
        if (rollout.rollback() && !failed.rollback && lastCompleted.isPresent()) {
            SimDeployment target = lastCompleted.get();
            messages.add(at, "rolling back to deployment " + target.id + ".");
            startDeployment(target.taskDefinition, at, Optional.of(target));
        }
    }

    private void complete(SimDeployment deployment, Instant at) {
        deployment.rolloutState = RolloutState.COMPLETED;
        deployment.rolloutStateReason = "ECS deployment " + deployment.id + " completed.";
        deployment.updatedAt = at;
        lastCompleted = Optional.of(deployment);
        messages.add(at, "(deployment " + deployment.id + ") deployment completed.");
        publish(Name.SERVICE_DEPLOYMENT_COMPLETED, deployment.id, at, deployment.rolloutStateReason);
    }

    private void publish(Name name, String deploymentId, Instant at, String reason) {
        context.deploymentEvents().accept(new EcsDeploymentEvent(name, serviceArn, deploymentId, at, reason));
    }

    // ---- the scheduler ----

    /**
     * One pass of the ECS service scheduler's rolling update: scale the primary deployment to the desired
     * count, retire older deployments' tasks as far as {@code minimumHealthyPercent} allows, retire
     * unhealthy tasks whose replacements are healthy, launch new tasks as far as {@code maximumPercent}
     * allows, drop drained deployments, and notice completion.
     */
    private void reconcile(Instant now) {
        SimDeployment primary = primary();
        String scaling = "Scaling activity initiated by (deployment " + primary.id + ")";

        List<SimTask> primaryCounted = counted(primary);
        if (primaryCounted.size() > desiredCount) {
            // Scale in: the ones not serving yet go first, then the newest.
            primaryCounted.stream()
                    .sorted(Comparator.comparing(SimTask::activeAndReady).thenComparing(task -> task.createdAt,
                            Comparator.reverseOrder()))
                    .limit(primaryCounted.size() - desiredCount)
                    .forEach(task -> stop(task, now, scaling));
        }

        List<SimDeployment> oldestFirst = deployments.subList(1, deployments.size()).reversed();
        // Old tasks that serve nothing can go at once: stopping them costs no healthy capacity.
        oldestFirst.forEach(old -> active(old).stream().filter(task -> !task.activeAndReady())
                .forEach(task -> stop(task, now, scaling)));
        int minimumHealthy = ceilPercent(desiredCount, rollout.minimumHealthyPercent());
        int healthy = (int) tasks.stream().filter(SimTask::activeAndReady).count();
        for (SimDeployment old : oldestFirst) {
            for (SimTask task : active(old)) {
                if (healthy - 1 < minimumHealthy) {
                    break;
                }
                stop(task, now, scaling);
                healthy--;
            }
        }

        retireReplaced(primary, now);
        if (primary.rolloutState != RolloutState.FAILED) {
            int maximumTasks = desiredCount * rollout.maximumPercent() / 100;
            int needed = desiredCount - counted(primary).size();
            int room = maximumTasks - (int) tasks.stream().filter(SimTask::active).count();
            // No room to start replacements first: ECS stops unhealthy tasks to make it (they count for nothing).
            for (SimTask unhealthy : replaced(primary)) {
                if (needed <= room) {
                    break;
                }
                stop(unhealthy, now, unhealthy.failedChecksReason.orElseThrow());
                room++;
            }
            for (int i = 0; i < Math.min(needed, room); i++) {
                launch(primary, now);
            }
        }

        deployments.removeIf(deployment -> deployment != primary
                && tasks.stream().noneMatch(task -> task.deployment == deployment && task.lastStatus != TaskStatus.STOPPED));
        messages.flush(now);

        long primaryActiveCount = counted(primary).size();
        long primaryReady = counted(primary).stream().filter(SimTask::activeAndReady).count();
        boolean settled = deployments.size() == 1 && primaryActiveCount == desiredCount && primaryReady == desiredCount
                && replaced(primary).isEmpty();
        if (settled && primary.rolloutState == RolloutState.IN_PROGRESS) {
            complete(primary, now);
        }
        boolean steadyNow = settled && primary.rolloutState != RolloutState.FAILED
                && tasks.stream().noneMatch(task -> task.lastStatus == TaskStatus.DEACTIVATING);
        if (steadyNow && !steady) {
            messages.add(now, "has reached a steady state.");
        }
        steady = steadyNow;
    }

    /**
     * Stops unhealthy tasks being replaced, oldest first, once the healthy tasks without each would
     * still make the desired count together with the ones still waiting for their replacements.
     */
    private void retireReplaced(SimDeployment primary, Instant now) {
        List<SimTask> waiting = replaced(primary);
        int readyCounted = (int) counted(primary).stream().filter(SimTask::activeAndReady).count();
        int remaining = waiting.size();
        for (SimTask unhealthy : waiting) {
            if (readyCounted < desiredCount - (remaining - 1)) {
                return;
            }
            stop(unhealthy, now, unhealthy.failedChecksReason.orElseThrow());
            remaining--;
        }
    }

    private void launch(SimDeployment deployment, Instant now) {
        String arn = "arn:aws:ecs:" + key.region() + ":" + key.account() + ":task/" + key.clusterName() + "/"
                + context.ids().taskId();
        SimTask task = new SimTask(arn, deployment, context.ids().privateIp(),
                deployment.taskDefinition.behaviourIn(context.scenario()),
                deployment.taskDefinition.containerBehavioursIn(context.scenario()), loadBalancers, now, context.timings());
        tasks.add(task);
        deployment.updatedAt = now;
        messages.started(task.id());
    }

    private List<SimTask> active(SimDeployment deployment) {
        return tasks.stream().filter(task -> task.deployment == deployment && task.active()).toList();
    }

    /** The deployment's tasks that count toward its desired count: active, and not being replaced. */
    private List<SimTask> counted(SimDeployment deployment) {
        return active(deployment).stream().filter(task -> !task.beingReplaced).toList();
    }

    /** The deployment's unhealthy tasks waiting for their replacements, oldest first. */
    private List<SimTask> replaced(SimDeployment deployment) {
        return active(deployment).stream().filter(task -> task.beingReplaced).toList();
    }

    private DeploymentView view(SimDeployment deployment) {
        List<SimTask> own = tasks.stream().filter(task -> task.deployment == deployment).toList();
        int running = (int) own.stream().filter(task -> task.lastStatus == TaskStatus.RUNNING).count();
        int pending = (int) own.stream()
                .filter(task -> task.lastStatus == TaskStatus.PROVISIONING || task.lastStatus == TaskStatus.PENDING)
                .count();
        int desired = deployment == primary() ? desiredCount : (int) own.stream().filter(SimTask::active).count();
        return new DeploymentView(deployment.id, deployment.status, deployment.taskDefinition.arn(), desired, running,
                pending, deployment.failedTasks, deployment.rolloutState, deployment.rolloutStateReason,
                deployment.createdAt, deployment.updatedAt);
    }

    private static int ceilPercent(int count, int percent) {
        return (count * percent + 99) / 100;
    }
}
