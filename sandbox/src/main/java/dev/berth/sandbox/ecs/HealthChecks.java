package dev.berth.sandbox.ecs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The load balancer health checks of one running task's targets (container health checks are
 * {@link ContainerHealthChecks}'): a check every interval, a verdict after {@code healthyThreshold} consecutive passes or
 * {@code unhealthyThreshold} consecutive failures, as an ALB target group counts them. When every
 * check gives the same answer, the checks until the threshold are skipped over in one step; a flaky
 * image's checks are drawn one by one from a generator seeded by the task, so a run repeats.
 */
final class HealthChecks {

    /** Where the checks stand: no verdict yet, or the last one reached. */
    enum Verdict { INITIAL, HEALTHY, UNHEALTHY }

    private final Duration interval;
    private final int healthyThreshold;
    private final int unhealthyThreshold;
    private final SplittableRandom random;
    private ImageBehaviour behaviour;
    private Verdict verdict = Verdict.INITIAL;
    /** The instant the next check is counted from: the last check, or when checking (re)started. */
    private Instant lastCheckAt;
    private boolean streakPassed = true;
    private int streak;

    /** Checks the targets of a task that reached RUNNING at {@code runningAt}; a slow image answers only after its start delay. */
    HealthChecks(DataPlaneTimings timings, ImageBehaviour behaviour, Instant runningAt, long seed) {
        this.interval = timings.healthCheckInterval();
        this.healthyThreshold = timings.healthyThreshold();
        this.unhealthyThreshold = timings.unhealthyThreshold();
        this.random = new SplittableRandom(seed);
        this.behaviour = behaviour;
        // The target stays "initial" while the app starts, as if a health check grace period covered it.
        this.lastCheckAt = behaviour instanceof ImageBehaviour.SlowStart(Duration extra) ? runningAt.plus(extra) : runningAt;
    }

    Verdict verdict() {
        return verdict;
    }

    /** When the checks next change something, if they ever will on their own. */
    Optional<Instant> dueAt() {
        if (behaviour instanceof ImageBehaviour.Flaky) {
            return Optional.of(lastCheckAt.plus(interval));
        }
        boolean passes = passes(behaviour);
        if (verdict == (passes ? Verdict.HEALTHY : Verdict.UNHEALTHY)) {
            return Optional.empty(); // every further check agrees with the verdict
        }
        int threshold = passes ? healthyThreshold : unhealthyThreshold;
        int counted = streakPassed == passes ? streak : 0;
        return Optional.of(lastCheckAt.plus(interval.multipliedBy(Math.max(1, threshold - counted))));
    }

    /** Runs the check(s) due at {@code at}; the new verdict when it changed. */
    Optional<Verdict> check(Instant at) {
        boolean passed;
        if (behaviour instanceof ImageBehaviour.Flaky(double failureRatio)) {
            passed = random.nextDouble() >= failureRatio;
            streak = passed == streakPassed ? streak + 1 : 1;
        } else {
            passed = passes(behaviour);
            streak = passed ? healthyThreshold : unhealthyThreshold;
        }
        streakPassed = passed;
        lastCheckAt = at;
        Verdict reached = passed
                ? (streak >= healthyThreshold ? Verdict.HEALTHY : verdict)
                : (streak >= unhealthyThreshold ? Verdict.UNHEALTHY : verdict);
        if (reached == verdict) {
            return Optional.empty();
        }
        verdict = reached;
        return Optional.of(reached);
    }

    /** The app answers as {@code newBehaviour} from {@code at} on; the checks count on from there. */
    void changeBehaviour(ImageBehaviour newBehaviour, Instant at) {
        behaviour = newBehaviour;
        lastCheckAt = at;
    }

    /**
     * A running app that starts slowly has already started: it answers; one whose container health check
     * fails still answers HTTP.
     */
    private static boolean passes(ImageBehaviour behaviour) {
        return switch (behaviour) {
            case ImageBehaviour.Healthy h -> true;
            case ImageBehaviour.SlowStart s -> true;
            case ImageBehaviour.ContainerUnhealthy c -> true;
            case ImageBehaviour.Unhealthy u -> false;
            case ImageBehaviour.CrashOnStart c -> false;
            case ImageBehaviour.Flaky f -> throw new IllegalStateException("a flaky image's checks are drawn one by one");
        };
    }
}
