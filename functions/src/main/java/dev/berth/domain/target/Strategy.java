package dev.berth.domain.target;

import dev.berth.domain.Durations;
import dev.berth.domain.InvalidInputException;
import dev.berth.domain.traffic.TrafficSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of a deployment strategy. */
public sealed interface Strategy permits Strategy.Rolling, Strategy.BlueGreen {

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
    }

    /**
     * Blue/green on an ALB listener (or one listener rule) forwarding, weighted, to two target groups, each
     * served by its own ECS service: the idle color is rolled to the new revision and traffic shifts to it on
     * {@code traffic}'s schedule, each shift read back and baked under target health and the alarms.
     *
     * @param health          what the new color must show, and how often it is looked at (the rolling settings:
     *                        deadline to become healthy, poll interval, failure threshold, settle period)
     * @param listenerArn     the production listener or listener rule whose forward action is weighted
     * @param testListenerArn a listener that routes 100% to the new color before any production traffic
     * @param alarms          CloudWatch alarms whose {@code ALARM} state fails the deployment (at start and in every bake)
     * @param manualGate      wait for a person to promote before the last shift
     * @param gateTimeout     how long a manual gate waits before it rolls back
     * @param finalBake       how long the new color must stay good at 100% before the old one is let go
     * @param terminationWait how long the old color keeps its tasks after the new one is live (a quick way back)
     */
    record BlueGreen(Rolling health, ColorService blue, ColorService green, String listenerArn, Optional<String> testListenerArn,
                     TrafficSchedule traffic, List<String> alarms, boolean manualGate, Duration gateTimeout, Duration finalBake,
                     Duration terminationWait) implements Strategy {

        public static final Duration DEFAULT_GATE_TIMEOUT = Duration.ofHours(1);
        public static final Duration MIN_GATE_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration MAX_GATE_TIMEOUT = Duration.ofHours(12);
        public static final Duration MAX_FINAL_BAKE = Duration.ofHours(6);
        public static final Duration DEFAULT_TERMINATION_WAIT = Duration.ofMinutes(5);
        public static final Duration MAX_TERMINATION_WAIT = Duration.ofHours(6);
        public static final int MAX_ALARMS = 10;
        /** An execution runs at most 24 hours: the longest deployment must end well inside that. */
        public static final Duration MAX_TOTAL = Duration.ofHours(20);

        private static final java.util.regex.Pattern SERVICE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,255}");
        private static final java.util.regex.Pattern TARGET_GROUP = java.util.regex.Pattern.compile(
                "arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}");
        private static final java.util.regex.Pattern LISTENER = java.util.regex.Pattern.compile(
                "arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:(listener/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}/[0-9a-f]{16}"
                        + "|listener-rule/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}/[0-9a-f]{16}/[0-9a-f]{16})");

        /** One color: the ECS service that serves it and the target group it registers into. */
        public record ColorService(String service, String targetGroupArn) {}

        public BlueGreen {
            if (health == null || traffic == null) {
                throw new InvalidInputException("blue-green strategy needs its health settings and a 'traffic' schedule");
            }
            requireColor("blue", blue);
            requireColor("green", green);
            if (blue.service().equals(green.service())) {
                throw new InvalidInputException("blue and green must be two services, not both '" + blue.service() + "'");
            }
            if (blue.targetGroupArn().equals(green.targetGroupArn())) {
                throw new InvalidInputException("blue and green must have their own target groups, not both " + blue.targetGroupArn());
            }
            requireListener("listenerArn", listenerArn);
            testListenerArn = testListenerArn == null ? Optional.empty() : testListenerArn;
            testListenerArn.ifPresent(test -> {
                requireListener("testListenerArn", test);
                if (test.equals(listenerArn)) {
                    throw new InvalidInputException("the test listener must not be the production listener " + listenerArn);
                }
            });
            alarms = alarms == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(alarms));
            if (alarms.size() > MAX_ALARMS) {
                throw new InvalidInputException(alarms.size() + " alarms: at most " + MAX_ALARMS + " (combine more in a composite alarm)");
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String alarm : alarms) {
                if (alarm == null || alarm.isBlank() || alarm.length() > 255) {
                    throw new InvalidInputException("alarm name '" + alarm + "' must be 1-255 characters");
                }
                if (!seen.add(alarm)) {
                    throw new InvalidInputException("alarm '" + alarm + "' is listed twice");
                }
            }
            gateTimeout = gateTimeout == null ? DEFAULT_GATE_TIMEOUT : gateTimeout;
            requireWithin("manual gate timeout", gateTimeout, MIN_GATE_TIMEOUT, MAX_GATE_TIMEOUT);
            finalBake = finalBake == null ? Duration.ZERO : finalBake;
            requireWithin("final bake", finalBake, Duration.ZERO, MAX_FINAL_BAKE);
            terminationWait = terminationWait == null ? DEFAULT_TERMINATION_WAIT : terminationWait;
            requireWithin("termination wait", terminationWait, Duration.ZERO, MAX_TERMINATION_WAIT);
            Duration longest = longest(health, traffic, manualGate, gateTimeout, finalBake, terminationWait);
            if (longest.compareTo(MAX_TOTAL) > 0) {
                throw new InvalidInputException("this blue-green deployment could take " + Durations.toHuman(longest)
                        + " (health deadline, bakes, gate and waits): at most " + Durations.toHuman(MAX_TOTAL)
                        + ", as one execution runs at most 24h");
            }
        }

        @Override
        public String name() {
            return "blue-green";
        }

        /** The color serving {@code color}'s name ({@code blue}, {@code green}). */
        public ColorService of(dev.berth.domain.traffic.Color color) {
            return color == dev.berth.domain.traffic.Color.BLUE ? blue : green;
        }

        private static Duration longest(Rolling health, TrafficSchedule traffic, boolean manualGate, Duration gateTimeout,
                                        Duration finalBake, Duration terminationWait) {
            Duration total = health.healthDeadline().plus(finalBake).plus(terminationWait).plus(health.healthDeadline());
            for (var step : traffic.steps(manualGate)) {
                total = total.plus(switch (step) {
                    case dev.berth.domain.traffic.TrafficStep.Shift shift -> shift.bake();
                    case dev.berth.domain.traffic.TrafficStep.ManualPause pause -> gateTimeout;
                });
            }
            return total;
        }

        private static void requireColor(String which, ColorService color) {
            if (color == null) {
                throw new InvalidInputException("blue-green strategy needs '" + which + "' ({\"service\": ..., \"targetGroupArn\": ...})");
            }
            if (color.service() == null || !SERVICE.matcher(color.service()).matches()) {
                throw new InvalidInputException(which + ".service '" + color.service() + "' must be 1-255 letters, digits, '-' or '_'");
            }
            if (color.targetGroupArn() == null || !TARGET_GROUP.matcher(color.targetGroupArn()).matches()) {
                throw new InvalidInputException(which + ".targetGroupArn '" + color.targetGroupArn()
                        + "' must be a target group ARN (arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>)");
            }
        }

        private static void requireListener(String field, String arn) {
            if (arn == null || !LISTENER.matcher(arn).matches()) {
                throw new InvalidInputException(field + " '" + arn + "' must be an ALB listener or listener rule ARN"
                        + " (arn:aws:elasticloadbalancing:<region>:<account>:listener/app/... or listener-rule/app/...)");
            }
        }
    }

    private static void requireWithin(String what, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidInputException(what + " " + Durations.toHuman(value) + " must be between "
                    + Durations.toHuman(min) + " and " + Durations.toHuman(max));
        }
    }
}
