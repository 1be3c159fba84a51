package dev.berth.domain.plan;

import java.time.Duration;

/** What a step waits for after acting: the verdict that ends it. */
public sealed interface Check {

    /** How long to wait before each look. */
    Duration interval();

    /**
     * The revision's own tasks run as desired and its own load-balancer targets are healthy, within
     * {@code deadline} of the step's start; {@code failureThreshold} consecutive unhealthy looks fail it. Tasks
     * nothing checks (no load balancer, no container health check) count once RUNNING for {@code settle}.
     * {@code fleet} says whose service: the target's own, or one of a blue/green pair.
     */
    record RevisionHealthy(Revision revision, Duration deadline, Duration interval, int failureThreshold, Duration settle,
                           Fleet fleet) implements Check {
        public RevisionHealthy {
            if (revision == null || deadline == null || interval == null || settle == null || fleet == null) {
                throw new IllegalArgumentException("a health check needs a revision, a deadline, an interval, a settle period and a fleet");
            }
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("a failure threshold is at least 1, not " + failureThreshold);
            }
        }

        /** On the target's own service. */
        public RevisionHealthy(Revision revision, Duration deadline, Duration interval, int failureThreshold, Duration settle) {
            this(revision, deadline, interval, failureThreshold, settle, Fleet.SERVICE);
        }
    }

    /**
     * Blue/green: {@code listener} forwards {@code newWeight}% to the new color, read back at every look (a listener
     * changed by someone else fails it), and for {@code bake} the new color's targets stay healthy ({@code failureThreshold}
     * consecutive unhealthy looks fail it) and no alarm is in ALARM (one look fails it).
     */
    record TrafficHolds(Listener listener, int newWeight, Duration bake, Duration interval, int failureThreshold, boolean watchHealth)
            implements Check {
        public TrafficHolds {
            if (listener == null || bake == null || interval == null || bake.isNegative() || failureThreshold < 1) {
                throw new IllegalArgumentException("a traffic check needs a listener, a bake of 0 or more, an interval and a threshold");
            }
        }
    }

    /** Blue/green: a person promotes (the next step) or aborts (roll back); unanswered for {@code timeout}, it rolls back. */
    record Gate(Duration timeout) implements Check {
        public Gate {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a gate needs a timeout");
            }
        }

        @Override
        public Duration interval() {
            return timeout;
        }
    }

    /** Nothing to judge: the step is done once {@code interval} has passed (the old color's termination wait). */
    record Elapsed(Duration interval) implements Check {
        public Elapsed {
            if (interval == null || interval.isNegative()) {
                throw new IllegalArgumentException("a wait needs a duration of 0 or more");
            }
        }
    }

    /** Blue/green: {@code fleet}'s service runs no task any more, within {@code deadline}. */
    record ScaledDown(Fleet fleet, Duration deadline, Duration interval) implements Check {
        public ScaledDown {
            if (fleet == null || deadline == null || interval == null) {
                throw new IllegalArgumentException("a scale-down check needs a fleet, a deadline and an interval");
            }
        }
    }
}
