package dev.berth.sandbox.ecs;

/** The {@code lastStatus} values a simulated task goes through, in order. */
public enum TaskStatus {
    PROVISIONING, PENDING, RUNNING,
    /** Stopped by ECS but still draining from its target groups. */
    DEACTIVATING,
    STOPPED
}
