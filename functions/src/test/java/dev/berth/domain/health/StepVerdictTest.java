package dev.berth.domain.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Consecutive evidence: unhealthy looks fail a step only in a run of {@code failureThreshold}; decisive looks at once. */
class StepVerdictTest {

    static Stream<Arguments> weighings() {
        Look unhealthy = new Look.Unhealthy("1 of 2 targets unhealthy in web: Target.Timeout");
        return Stream.of(
                arguments("healthy completes", new Look.Healthy("2/2 running"), 0, 2, new StepVerdict.Complete("2/2 running")),
                arguments("healthy after unhealthy looks completes", new Look.Healthy("2/2 running"), 1, 2, new StepVerdict.Complete("2/2 running")),
                arguments("progressing resets the run", new Look.Progressing("1/2 running"), 1, 2, new StepVerdict.InProgress("1/2 running", 0)),
                arguments("first unhealthy look of two", unhealthy, 0, 2,
                        new StepVerdict.InProgress("unhealthy (1 of 2 looks): 1 of 2 targets unhealthy in web: Target.Timeout", 1)),
                arguments("second unhealthy look of two fails", unhealthy, 1, 2, new StepVerdict.Failed(unhealthy.summary())),
                arguments("threshold 1: the first unhealthy look fails", unhealthy, 0, 1, new StepVerdict.Failed(unhealthy.summary())),
                arguments("ninth of ten", unhealthy, 8, 10,
                        new StepVerdict.InProgress("unhealthy (9 of 10 looks): 1 of 2 targets unhealthy in web: Target.Timeout", 9)),
                arguments("a run already past the threshold still fails", unhealthy, 7, 3, new StepVerdict.Failed(unhealthy.summary())),
                arguments("failed is decisive", new Look.Failed("ECS rollout failed: x"), 0, 10, new StepVerdict.Failed("ECS rollout failed: x")),
                arguments("ECS rolling back is decisive", new Look.EcsRollingBack("breaker"), 0, 10, new StepVerdict.EcsRolledBack("breaker")),
                arguments("changed outside is decisive", new Look.ChangedOutside("service now runs x"), 0, 10,
                        new StepVerdict.ChangedOutside("service now runs x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weighings")
    void weighsALook(String rule, Look look, int previous, int threshold, StepVerdict expected) {
        assertThat(StepVerdict.weigh(look, previous, threshold)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<Look>> looks() {
        Arbitrary<Look> look = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(new Look.Unhealthy("u"))),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(new Look.Progressing("p"))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Look.Healthy("h"))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Look.Failed("f"))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Look.EcsRollingBack("e"))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Look.ChangedOutside("c"))));
        return look.list().ofMaxSize(40);
    }

    /** Weighs looks one after another as the observer does, until a verdict ends the step. */
    @Property(tries = 3000)
    void aStepEndsAtTheFirstDecisiveLookOrTheFirstFullRunOfUnhealthyLooks(@ForAll("looks") List<Look> looks,
                                                                           @ForAll @IntRange(min = 1, max = 10) int threshold) {
        int run = 0;
        for (int i = 0; i < looks.size(); i++) {
            Look look = looks.get(i);
            StepVerdict verdict = StepVerdict.weigh(look, run, threshold);
            int expectedRun = look instanceof Look.Unhealthy ? run + 1 : 0;
            boolean ends = !(look instanceof Look.Unhealthy || look instanceof Look.Progressing) || expectedRun >= threshold;

            if (!ends) {
                assertThat(verdict).isInstanceOfSatisfying(StepVerdict.InProgress.class,
                        p -> assertThat(p.unhealthyLooks()).isEqualTo(expectedRun));
                run = ((StepVerdict.InProgress) verdict).unhealthyLooks();
                continue;
            }
            assertThat(verdict).isNotInstanceOf(StepVerdict.InProgress.class);
            if (verdict instanceof StepVerdict.Failed && look instanceof Look.Unhealthy) {
                // A failure from unhealthy looks needs exactly `threshold` of them in a row, ending here.
                assertThat(looks.subList(i + 1 - threshold, i + 1)).allMatch(Look.Unhealthy.class::isInstance);
            }
            return;
        }
    }

    @Property(tries = 500)
    void fewerUnhealthyLooksInARowThanTheThresholdNeverFail(@ForAll @IntRange(min = 1, max = 10) int threshold,
                                                            @ForAll @IntRange(min = 1, max = 30) int rounds) {
        int run = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < threshold - 1; i++) {
                StepVerdict verdict = StepVerdict.weigh(new Look.Unhealthy("u"), run, threshold);
                assertThat(verdict).isInstanceOf(StepVerdict.InProgress.class);
                run = ((StepVerdict.InProgress) verdict).unhealthyLooks();
            }
            StepVerdict reset = StepVerdict.weigh(new Look.Progressing("p"), run, threshold);
            assertThat(reset).isEqualTo(new StepVerdict.InProgress("p", 0));
            run = 0;
        }
    }
}
