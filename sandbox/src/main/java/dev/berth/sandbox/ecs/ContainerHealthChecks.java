package dev.berth.sandbox.ecs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The container health check of one running container, timed as ECS (Docker) runs it: a check every
 * {@code interval} from the container's start; a pass makes the container HEALTHY (even inside the start
 * period); {@code retries} consecutive failures make it UNHEALTHY, except that failures inside the start
 * period do not count until the container has passed once. Until then it is UNKNOWN.
 *
 * <p>Checks that change nothing are not run one by one: {@link #dueAt} is the check that next changes the
 * status, and {@link #check} runs every check up to it. A flaky image's checks are drawn one by one from a
 * generator seeded by the task and container, so a run repeats.
 */
final class ContainerHealthChecks {

    /** A container's {@code healthStatus} in DescribeTasks. */
    enum Status { UNKNOWN, HEALTHY, UNHEALTHY }

    private final ContainerHealthCheck settings;
    private final Instant startedAt;
    private final SplittableRandom random;
    private ImageBehaviour behaviour;
    /** From when the check command passes (a deterministic image); empty when it never does. */
    private Optional<Instant> passesFrom;
    private Status status = Status.UNKNOWN;
    /** Passed once: from then on every failure counts, start period or not. */
    private boolean passedOnce;
    /** The number of the next check; check n runs at {@code startedAt + n * interval}. */
    private long next = 1;
    private int failures;

    /** Checks a container that started at {@code startedAt}; a slow image passes only after its start delay. */
    ContainerHealthChecks(ContainerHealthCheck settings, ImageBehaviour behaviour, Instant startedAt, long seed) {
        this.settings = settings;
        this.startedAt = startedAt;
        this.random = new SplittableRandom(seed);
        this.behaviour = behaviour;
        this.passesFrom = passesFrom(behaviour, startedAt,
                behaviour instanceof ImageBehaviour.SlowStart(Duration extra) ? extra : Duration.ZERO);
    }

    Status status() {
        return status;
    }

    /** When the next check that changes the status runs, if one ever will on its own. */
    Optional<Instant> dueAt() {
        if (behaviour instanceof ImageBehaviour.Flaky) {
            return Optional.of(checkAt(next));
        }
        Optional<Long> becomesHealthy = status == Status.HEALTHY ? Optional.empty()
                : passesFrom.map(from -> Math.max(next, checksUntil(from)));
        Optional<Long> becomesUnhealthy = Optional.empty();
        if (status != Status.UNHEALTHY) {
            long failing = Math.max(next, passedOnce ? next : firstCounted()) + (settings.retries() - failures) - 1;
            // Only if every check up to that one fails, i.e. the command does not pass by then.
            if (passesFrom.filter(from -> !checkAt(failing).isBefore(from)).isEmpty()) {
                becomesUnhealthy = Optional.of(failing);
            }
        }
        return Stream.of(becomesHealthy, becomesUnhealthy).flatMap(Optional::stream).min(Long::compare).map(this::checkAt);
    }

    /** Runs every check up to {@code at}; the new status when it changed. */
    Optional<Status> check(Instant at) {
        Status before = status;
        if (dueAt().isEmpty()) {
            // Nothing will change on its own: the checks until then all agree with the status.
            next = Math.max(next, checksUntil(at.plusNanos(1)));
        }
        while (!checkAt(next).isAfter(at)) {
            runCheck(next++);
        }
        return status == before ? Optional.empty() : Optional.of(status);
    }

    /** The image answers as {@code newBehaviour} from {@code at} on (a slow one has started by now). */
    void changeBehaviour(ImageBehaviour newBehaviour, Instant at) {
        check(at);
        behaviour = newBehaviour;
        passesFrom = passesFrom(newBehaviour, at, Duration.ZERO);
    }

    private void runCheck(long number) {
        Instant at = checkAt(number);
        boolean passed = behaviour instanceof ImageBehaviour.Flaky(double failureRatio)
                ? random.nextDouble() >= failureRatio
                : passesFrom.filter(from -> !at.isBefore(from)).isPresent();
        if (passed) {
            passedOnce = true;
            failures = 0;
            status = Status.HEALTHY;
        } else if (passedOnce || number >= firstCounted()) {
            failures++;
            if (failures >= settings.retries()) {
                status = Status.UNHEALTHY;
            }
        }
    }

    /** Whether the check command passes for an image that behaves as {@code behaviour}, and from when. */
    private static Optional<Instant> passesFrom(ImageBehaviour behaviour, Instant since, Duration startDelay) {
        return switch (behaviour) {
            case ImageBehaviour.Healthy h -> Optional.of(since);
            case ImageBehaviour.SlowStart s -> Optional.of(since.plus(startDelay));
            case ImageBehaviour.Unhealthy u -> Optional.empty();
            case ImageBehaviour.ContainerUnhealthy c -> Optional.empty();
            case ImageBehaviour.CrashOnStart c -> Optional.empty();
            case ImageBehaviour.Flaky f -> Optional.empty(); // drawn check by check instead
        };
    }

    private Instant checkAt(long number) {
        return startedAt.plus(settings.interval().multipliedBy(number));
    }

    /** The number of the first check at or after {@code instant}. */
    private long checksUntil(Instant instant) {
        long nanos = Duration.between(startedAt, instant).toNanos();
        return Math.max(1, Math.ceilDiv(nanos, settings.interval().toNanos()));
    }

    /** The first check whose failure counts: the first one once the start period is over. */
    private long firstCounted() {
        return checksUntil(startedAt.plus(settings.startPeriod()));
    }
}
