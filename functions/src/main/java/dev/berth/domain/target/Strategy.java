package dev.berth.domain.target;

import dev.berth.domain.Durations;
import dev.berth.domain.InvalidInputException;
import java.time.Duration;

/** Settings of a deployment strategy. */
public sealed interface Strategy permits Strategy.Rolling {

    /** The strategy's name as configured, e.g. {@code rolling}. */
    String name();

    /**
     * ECS's own rolling update, watched until healthy or the deadline passes.
     *
     * @param healthDeadline how long the new revision has to become healthy: 30s to 6h
     * @param pollInterval how often health is checked: 1s to 5m, and shorter than the deadline
     * @param failureThreshold consecutive unhealthy looks that fail the revision: 1 to 10 (decisive signals,
     *                         such as ECS's circuit breaker or the deadline, need only one)
     * @param settlePeriod how long the revision's tasks must stay RUNNING before they count as healthy, when
     *                     nothing else can say so (no load balancer and no container health check): 0 to 30m,
     *                     shorter than the deadline
     */
    record Rolling(Duration healthDeadline, Duration pollInterval, int failureThreshold, Duration settlePeriod)
            implements Strategy {

        public static final Duration MIN_DEADLINE = Duration.ofSeconds(30);
        public static final Duration MAX_DEADLINE = Duration.ofHours(6);
        public static final Duration MIN_POLL = Duration.ofSeconds(1);
        public static final Duration MAX_POLL = Duration.ofMinutes(5);
        public static final int DEFAULT_FAILURE_THRESHOLD = 2;
        public static final long MAX_LOOKS = 2000;
        public static final int MAX_FAILURE_THRESHOLD = 10;
        /** A worker that crashes on start usually does so within seconds; a minute of RUNNING is telling. */
        public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(60);
        public static final Duration MAX_SETTLE = Duration.ofMinutes(30);

        public Rolling {
            if (healthDeadline == null || pollInterval == null || settlePeriod == null) {
                throw new InvalidInputException("rolling strategy needs a health deadline, a poll interval and a settle period");
            }
            requireWithin("health deadline", healthDeadline, MIN_DEADLINE, MAX_DEADLINE);
            requireWithin("poll interval", pollInterval, MIN_POLL, MAX_POLL);
            if (failureThreshold < 1 || failureThreshold > MAX_FAILURE_THRESHOLD) {
                throw new InvalidInputException("failure threshold " + failureThreshold + " must be between 1 and "
                        + MAX_FAILURE_THRESHOLD + " consecutive unhealthy looks");
            }
            if (healthDeadline.dividedBy(pollInterval) > MAX_LOOKS) {
                // Each look is a few Step Functions events, and an execution keeps at most 25,000.
                throw new InvalidInputException("health deadline " + Durations.toHuman(healthDeadline) + " at a poll interval of "
                        + Durations.toHuman(pollInterval) + " is " + healthDeadline.dividedBy(pollInterval) + " looks; at most "
                        + MAX_LOOKS + ": look less often");
            }
            if (pollInterval.compareTo(healthDeadline) >= 0) {
                throw new InvalidInputException("poll interval " + Durations.toHuman(pollInterval)
                        + " must be shorter than the health deadline " + Durations.toHuman(healthDeadline));
            }
            if (settlePeriod.isNegative() || settlePeriod.compareTo(MAX_SETTLE) > 0) {
                throw new InvalidInputException("settle period " + Durations.toHuman(settlePeriod) + " must be between 0s and "
                        + Durations.toHuman(MAX_SETTLE));
            }
            if (settlePeriod.compareTo(healthDeadline) >= 0) {
                throw new InvalidInputException("settle period " + Durations.toHuman(settlePeriod)
                        + " must be shorter than the health deadline " + Durations.toHuman(healthDeadline));
            }
        }

        /** With the default settle period. */
        public Rolling(Duration healthDeadline, Duration pollInterval, int failureThreshold) {
            this(healthDeadline, pollInterval, failureThreshold, defaultSettle(healthDeadline));
        }

        /** With the default failure threshold and settle period. */
        public Rolling(Duration healthDeadline, Duration pollInterval) {
            this(healthDeadline, pollInterval, DEFAULT_FAILURE_THRESHOLD);
        }

        /** The default settle period, or half the deadline when that is shorter (a 30 s deadline settles in 15 s). */
        public static Duration defaultSettle(Duration healthDeadline) {
            return healthDeadline == null || DEFAULT_SETTLE.compareTo(healthDeadline.dividedBy(2)) <= 0
                    ? DEFAULT_SETTLE : healthDeadline.dividedBy(2);
        }

        @Override
        public String name() {
            return "rolling";
        }

        private static void requireWithin(String what, Duration value, Duration min, Duration max) {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new InvalidInputException(what + " " + Durations.toHuman(value) + " must be between "
                        + Durations.toHuman(min) + " and " + Durations.toHuman(max));
            }
        }
    }
}
