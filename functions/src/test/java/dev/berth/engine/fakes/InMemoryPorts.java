package dev.berth.engine.fakes;

import dev.berth.engine.EnginePorts;
import java.time.Instant;

/** The engine's ports, every one in memory; the accessors give the fakes, so tests can script and read them. */
public final class InMemoryPorts implements EnginePorts {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final FakeTargetHealth targetHealth = new FakeTargetHealth();
    private final FakeEcs ecs = new FakeEcs(targetHealth);
    private final InMemoryHistory history = new InMemoryHistory();
    private final InMemoryLeases leases = new InMemoryLeases();
    private final InMemoryTargets targets = new InMemoryTargets();
    private final FakeExecutions executions = new FakeExecutions();
    private final RecordingEvents events = new RecordingEvents();
    private final FakeRegistry registry = new FakeRegistry();
    private final FakeRouting routing = new FakeRouting();
    private final FakeAlarms alarms = new FakeAlarms();

    @Override
    public FakeRouting routing() {
        return routing;
    }

    @Override
    public FakeAlarms alarms() {
        return alarms;
    }

    @Override
    public FakeEcs ecs() {
        return ecs;
    }

    @Override
    public FakeRegistry registry() {
        return registry;
    }

    @Override
    public FakeTargetHealth targetHealth() {
        return targetHealth;
    }

    @Override
    public InMemoryHistory history() {
        return history;
    }

    @Override
    public InMemoryLeases leases() {
        return leases;
    }

    @Override
    public InMemoryTargets targets() {
        return targets;
    }

    @Override
    public FakeExecutions executions() {
        return executions;
    }

    @Override
    public RecordingEvents events() {
        return events;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }
}
