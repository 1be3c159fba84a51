package dev.berth.sandbox.ecs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The simulated ECS data plane: the tasks, target health and rolling deployments moto does not model.
 * Its state is a pure function of the actions it was given and of sim time; {@link #advanceTo} replays
 * every transition in order at its exact sim instant, so how often it is called changes nothing.
 * Every query and action first catches up with the clock. Thread-safe.
 */
public final class EcsDataPlane implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EcsDataPlane.class.getName());
    /** Guards against a timing set-up that would make transitions pile up without end. */
    private static final int MAX_STEPS_PER_ADVANCE = 1_000_000;

    private final Object lock = new Object();
    private final SimClock clock;
    private final PlaneContext context;
    private final EcsEventSink sink;
    private final Queue<EcsDeploymentEvent> outbox = new ConcurrentLinkedQueue<>();
    private final Object publishing = new Object();
    private final Map<ServiceKey, SimService> services = new LinkedHashMap<>();
    private Instant now;
    private Optional<Thread> ticker = Optional.empty();

    public EcsDataPlane(SimClock clock, Scenario scenario, DataPlaneTimings timings, EcsEventSink sink) {
        this.clock = clock;
        this.sink = sink;
        this.now = clock.now();
        // Seeded from the start time: a manual clock gives the same ids every run.
        this.context = new PlaneContext(new IdSource(now.toEpochMilli()), timings, scenario, new TargetGroupSettings(),
                outbox::add);
    }

    /** Plays every transition due up to {@code target} (sim time); earlier instants are ignored. */
    public void advanceTo(Instant target) {
        synchronized (lock) {
            advanceLocked(target);
        }
        flushEvents();
    }

    /** The sim instant the model has reached. */
    public Instant now() {
        synchronized (lock) {
            return now;
        }
    }

    /** Starts running {@code spec}'s first deployment; replaces a service of the same key. */
    public ServiceView createService(ServiceSpec spec) {
        return act(() -> {
            SimService service = new SimService(spec, now, context);
            services.put(spec.key(), service);
            return service.view();
        });
    }

    /**
     * A target group's {@code deregistration_delay.timeout_seconds} as the load balancer accepted it: tasks
     * told to stop from now on drain that long (sim time) before they stop.
     */
    public void deregistrationDelay(String targetGroupArn, Duration delay) {
        // Caught up first, like every action: a task told to stop before now drained under the old delay.
        act(() -> {
            context.targetGroups().deregistrationDelay(targetGroupArn, delay);
            return null;
        });
    }

    /** The load balancer deleted the target group: its attributes go with it. */
    public void targetGroupDeleted(String targetGroupArn) {
        act(() -> {
            context.targetGroups().forget(targetGroupArn);
            return null;
        });
    }

    /** Applies an UpdateService that the control plane accepted; empty when the service is unknown. */
    public Optional<ServiceView> updateService(ServiceKey key, ServiceUpdate update) {
        return act(() -> Optional.ofNullable(services.get(key)).map(service -> {
            service.update(update, now);
            return service.view();
        }));
    }

    /** Forgets a deleted service and its tasks; false when it was unknown. */
    public boolean deleteService(ServiceKey key) {
        return act(() -> services.remove(key) != null);
    }

    public Optional<ServiceView> service(ServiceKey key) {
        return act(() -> Optional.ofNullable(services.get(key)).map(SimService::view));
    }

    /** The service a request names by cluster (name or ARN) and service (name or ARN), if simulated. */
    public Optional<ServiceKey> findService(String clusterReference, String serviceReference) {
        synchronized (lock) {
            return services.keySet().stream()
                    .filter(key -> key.inCluster(clusterReference) && key.isService(serviceReference))
                    .findFirst();
        }
    }

    /** Whether any simulated service runs in the cluster a request names. */
    public boolean knowsCluster(String clusterReference) {
        synchronized (lock) {
            return services.keySet().stream().anyMatch(key -> key.inCluster(clusterReference));
        }
    }

    /** Every task of the service, stopped ones included (for about an hour), oldest first. */
    public List<TaskView> tasks(ServiceKey key) {
        return act(() -> Optional.ofNullable(services.get(key)).map(SimService::taskViews).orElse(List.of()));
    }

    /** Every task of every simulated service in the cluster a request names. */
    public List<TaskView> tasksInCluster(String clusterReference) {
        return act(() -> services.values().stream()
                .filter(service -> service.key.inCluster(clusterReference))
                .flatMap(service -> service.taskViews().stream())
                .toList());
    }

    /**
     * The targets of a target group some simulated service uses, in registration order; empty when no
     * simulated service uses it (then the emulator's own answer stands).
     */
    public Optional<List<TargetView>> targetHealth(String targetGroupArn) {
        return act(() -> {
            List<SimService> users = services.values().stream()
                    .filter(service -> service.usesTargetGroup(targetGroupArn)).toList();
            if (users.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(users.stream().flatMap(service -> service.targets(targetGroupArn)).toList());
        });
    }

    /**
     * Tasks running an image {@code selector} names take the scenario's current behaviour for their image
     * from now on (set it in the scenario first): "from now on, the running tasks of this image fail
     * their health checks". Returns how many tasks changed behaviour.
     */
    public int applyToRunningTasks(ImageSelector selector) {
        return act(() -> services.values().stream().mapToInt(service -> service.applyBehaviours(selector, now)).sum());
    }

    /**
     * StopTask on a task of a simulated service in the cluster a request names (by task ARN or id): it
     * drains and stops with {@code reason} as its stoppedReason, and its service replaces it. Empty when
     * no simulated service has that task.
     */
    public Optional<TaskView> stopTask(String clusterReference, String taskReference, String reason) {
        return act(() -> services.values().stream()
                .filter(service -> service.key.inCluster(clusterReference))
                .map(service -> service.stopTask(taskReference, reason, now))
                .flatMap(Optional::stream)
                .findFirst());
    }

    /**
     * Advances the model to the clock's time every {@code realPeriod} of real time on a daemon thread,
     * so a scaled clock's rollouts progress even when nobody asks.
     */
    public void startTicker(Duration realPeriod) {
        if (realPeriod.isZero() || realPeriod.isNegative()) {
            throw new IllegalArgumentException("the ticker period must be positive: " + realPeriod);
        }
        synchronized (lock) {
            if (ticker.isPresent()) {
                throw new IllegalStateException("the ticker is already running");
            }
            long periodNanos = realPeriod.toNanos();
            ticker = Optional.of(Thread.ofPlatform().daemon().name("berth-ecs-data-plane-ticker").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    LockSupport.parkNanos(periodNanos);
                    if (!Thread.currentThread().isInterrupted()) {
                        tick();
                    }
                }
            }));
        }
    }

    /** Stops the ticker, if one runs, and waits for its thread to end. */
    @Override
    public void close() {
        Optional<Thread> running;
        synchronized (lock) {
            running = ticker;
            ticker = Optional.empty();
        }
        running.ifPresent(thread -> {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void tick() {
        try {
            advanceTo(clock.now());
        } catch (RuntimeException e) {
            // Keep ticking: one bad step must not freeze every rollout in the sandbox.
            LOG.log(System.Logger.Level.ERROR, "ECS data plane tick failed", e);
        }
    }

    private <T> T act(Supplier<T> action) {
        T result;
        synchronized (lock) {
            advanceLocked(clock.now());
            result = action.get();
        }
        flushEvents();
        return result;
    }

    private void advanceLocked(Instant target) {
        int steps = 0;
        while (true) {
            Optional<Instant> next = services.values().stream().map(SimService::nextDueAt).flatMap(Optional::stream)
                    .min(Comparator.naturalOrder());
            if (next.isEmpty() || next.get().isAfter(target)) {
                break;
            }
            Instant at = next.get().isBefore(now) ? now : next.get();
            now = at;
            for (SimService service : new ArrayList<>(services.values())) {
                service.step(at);
            }
            if (++steps > MAX_STEPS_PER_ADVANCE) {
                throw new IllegalStateException("the data plane does not settle before " + target);
            }
        }
        if (target.isAfter(now)) {
            now = target;
        }
        services.values().forEach(service -> service.prune(now));
    }

    /**
     * Hands queued events to the sink outside the model's lock (a sink may call the emulator), one
     * publisher at a time and in the order they happened.
     */
    private void flushEvents() {
        synchronized (publishing) {
            for (EcsDeploymentEvent event = outbox.poll(); event != null; event = outbox.poll()) {
                try {
                    sink.publish(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "ECS event sink failed on " + event, e);
                }
            }
        }
    }
}
