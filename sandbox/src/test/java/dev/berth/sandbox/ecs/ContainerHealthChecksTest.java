package dev.berth.sandbox.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The timing rules of one container's health check: interval, retries, start period, and ECS's defaults. */
class ContainerHealthChecksTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final ContainerHealthCheck DEFAULTS = ContainerHealthCheck.defaults();

    static Stream<Arguments> timelines() {
        return Stream.of(
                Arguments.of("defaults: the first check 30 s after the start passes", DEFAULTS,
                        ImageBehaviour.healthy(), List.of("30 HEALTHY")),
                Arguments.of("defaults: 3 failures 30 s apart", DEFAULTS, ImageBehaviour.unhealthy(),
                        List.of("90 UNHEALTHY")),
                Arguments.of("the command fails though the app answers HTTP", DEFAULTS,
                        ImageBehaviour.containerUnhealthy(), List.of("90 UNHEALTHY")),
                Arguments.of("retries 2 every 10 s", check(10, 2, 0), ImageBehaviour.unhealthy(),
                        List.of("20 UNHEALTHY")),
                Arguments.of("failures in the start period do not count", check(10, 2, 30), ImageBehaviour.unhealthy(),
                        List.of("40 UNHEALTHY")),
                Arguments.of("a check at 10 s is inside a 15 s start period, the one at 20 s is not",
                        check(10, 1, 15), ImageBehaviour.unhealthy(), List.of("20 UNHEALTHY")),
                Arguments.of("a pass inside the start period makes it healthy", check(10, 3, 60),
                        ImageBehaviour.slowStart(Duration.ofSeconds(45)), List.of("50 HEALTHY")),
                Arguments.of("without a start period a slow app is unhealthy first", check(10, 2, 0),
                        ImageBehaviour.slowStart(Duration.ofSeconds(45)), List.of("20 UNHEALTHY", "50 HEALTHY")),
                Arguments.of("a start period shorter than the start delay only postpones the count", check(10, 3, 20),
                        ImageBehaviour.slowStart(Duration.ofSeconds(45)), List.of("40 UNHEALTHY", "50 HEALTHY")),
                Arguments.of("a flaky image that never fails", DEFAULTS, ImageBehaviour.flaky(0), List.of("30 HEALTHY")),
                Arguments.of("a flaky image that always fails", DEFAULTS, ImageBehaviour.flaky(1), List.of("90 UNHEALTHY")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timelines")
    void statusChangesAtTheseSecondsAfterTheStart(String rule, ContainerHealthCheck settings, ImageBehaviour behaviour,
                                                  List<String> expected) {
        assertThat(changesUntil(new ContainerHealthChecks(settings, behaviour, STARTED, 42), 600)).isEqualTo(expected);
    }

    @Test
    void checksThatChangeNothingAreSkippedOver() {
        ContainerHealthChecks checks = new ContainerHealthChecks(DEFAULTS, ImageBehaviour.unhealthy(), STARTED, 42);

        assertThat(checks.dueAt()).contains(STARTED.plusSeconds(90));
        assertThat(checks.check(STARTED.plusSeconds(90))).contains(ContainerHealthChecks.Status.UNHEALTHY);
        assertThat(checks.dueAt()).isEmpty();
    }

    @Test
    void onceItPassedFailuresCountEvenInsideTheStartPeriod() {
        ContainerHealthChecks checks = new ContainerHealthChecks(check(10, 2, 100), ImageBehaviour.healthy(), STARTED, 42);
        assertThat(changesUntil(checks, 15)).containsExactly("10 HEALTHY");

        checks.changeBehaviour(ImageBehaviour.containerUnhealthy(), STARTED.plusSeconds(15));

        assertThat(changesUntil(checks, 600)).containsExactly("30 UNHEALTHY");
    }

    @Test
    void aChangedBehaviourCountsOnTheSameCheckSchedule() {
        ContainerHealthChecks checks = new ContainerHealthChecks(DEFAULTS, ImageBehaviour.healthy(), STARTED, 42);
        assertThat(changesUntil(checks, 100)).containsExactly("30 HEALTHY");

        checks.changeBehaviour(ImageBehaviour.unhealthy(), STARTED.plusSeconds(100));

        assertThat(changesUntil(checks, 600)).containsExactly("180 UNHEALTHY");
    }

    @Test
    void aFlakyImageFlapsTheSameWayForTheSameSeed() {
        ContainerHealthCheck everyFiveSeconds = check(5, 1, 0);
        List<String> first = changesUntil(new ContainerHealthChecks(everyFiveSeconds, ImageBehaviour.flaky(0.5), STARTED, 7), 300);
        List<String> again = changesUntil(new ContainerHealthChecks(everyFiveSeconds, ImageBehaviour.flaky(0.5), STARTED, 7), 300);

        assertThat(first).hasSizeGreaterThan(2).isEqualTo(again);
    }

    /** Every status change until {@code seconds} after the start, as "second STATUS", driven as the plane does. */
    private static List<String> changesUntil(ContainerHealthChecks checks, long seconds) {
        Instant horizon = STARTED.plusSeconds(seconds);
        List<String> changes = new ArrayList<>();
        for (Optional<Instant> due = checks.dueAt(); due.isPresent() && !due.get().isAfter(horizon); due = checks.dueAt()) {
            Instant at = due.get();
            checks.check(at).ifPresent(status -> changes.add(Duration.between(STARTED, at).toSeconds() + " " + status));
        }
        return changes;
    }

    private static ContainerHealthCheck check(int intervalSeconds, int retries, int startPeriodSeconds) {
        return new ContainerHealthCheck(Duration.ofSeconds(intervalSeconds), Duration.ofSeconds(5), retries,
                Duration.ofSeconds(startPeriodSeconds));
    }
}
