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
     */
    record RevisionHealthy(Revision revision, Duration deadline, Duration interval, int failureThreshold, Duration settle)
            implements Check {
        public RevisionHealthy {
            if (revision == null || deadline == null || interval == null || settle == null) {
                throw new IllegalArgumentException("a health check needs a revision, a deadline, an interval and a settle period");
            }
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("a failure threshold is at least 1, not " + failureThreshold);
            }
        }
    }
}
