package dev.berth.sandbox.ecs;

import java.util.ArrayList;
import java.util.List;

/** Keeps every published event in order, for tests. */
public final class InMemoryEventSink implements EcsEventSink {

    private final List<EcsDeploymentEvent> events = new ArrayList<>();

    @Override
    public synchronized void publish(EcsDeploymentEvent event) {
        events.add(event);
    }

    /** A copy of everything published so far, oldest first. */
    public synchronized List<EcsDeploymentEvent> events() {
        return List.copyOf(events);
    }
}
