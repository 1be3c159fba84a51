package dev.berth.domain.plan;

/** Which list of a plan's steps a deployment is executing: its own, or the ones that undo it. */
public enum Phase {
    FORWARD,
    ROLLBACK
}
