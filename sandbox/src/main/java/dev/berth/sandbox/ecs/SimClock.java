package dev.berth.sandbox.ecs;

import java.time.Instant;

/** Sandbox time: every duration of the simulated data plane is measured on this clock. */
@FunctionalInterface
public interface SimClock {

    /** The current sim time; never goes backwards. */
    Instant now();
}
