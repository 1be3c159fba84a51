package dev.berth.sandbox.ecs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code events}, worded like ECS's. Starts, stops and (de)registrations of one instant are
 * collected and written as one message each, the way ECS reports a batch ("has started 2 tasks: ...").
 */
final class ServiceMessages {

    private static final int KEPT = 100;

    private final String serviceName;
    private final IdSource ids;
    private final Deque<ServiceEventView> newestFirst = new ArrayDeque<>();

    private final List<String> started = new ArrayList<>();
    private final List<String> draining = new ArrayList<>();
    private final List<String> stopped = new ArrayList<>();
    private final Map<String, Integer> registered = new LinkedHashMap<>();
    private final Map<String, Integer> deregistered = new LinkedHashMap<>();

    ServiceMessages(String serviceName, IdSource ids) {
        this.serviceName = serviceName;
        this.ids = ids;
    }

    void add(Instant at, String message) {
        newestFirst.addFirst(new ServiceEventView(ids.uuid(), at, "(service " + serviceName + ") " + message));
        while (newestFirst.size() > KEPT) {
            newestFirst.removeLast();
        }
    }

    void started(String taskId) {
        started.add(taskId);
    }

    void draining(String taskId) {
        draining.add(taskId);
    }

    void stopped(String taskId) {
        stopped.add(taskId);
    }

    void registered(String targetGroupArn) {
        registered.merge(targetGroupArn, 1, Integer::sum);
    }

    void deregistered(String targetGroupArn) {
        deregistered.merge(targetGroupArn, 1, Integer::sum);
    }

    /** Writes what was collected since the last flush, in the order ECS would report it. */
    void flush(Instant at) {
        registered.forEach((group, count) -> add(at, "registered " + count + " targets in (target-group " + group + ")"));
        if (!stopped.isEmpty()) {
            add(at, "has stopped " + stopped.size() + " running tasks: " + taskList(stopped) + ".");
        }
        if (!draining.isEmpty()) {
            add(at, "has begun draining connections on " + draining.size() + " tasks.");
        }
        deregistered.forEach((group, count) -> add(at, "deregistered " + count + " targets in (target-group " + group + ")"));
        if (!started.isEmpty()) {
            add(at, "has started " + started.size() + " tasks: " + taskList(started) + ".");
        }
        registered.clear();
        stopped.clear();
        draining.clear();
        deregistered.clear();
        started.clear();
    }

    List<ServiceEventView> newestFirst() {
        return List.copyOf(newestFirst);
    }

    private static String taskList(List<String> taskIds) {
        return String.join(" ", taskIds.stream().map(id -> "(task " + id + ")").toList());
    }
}
