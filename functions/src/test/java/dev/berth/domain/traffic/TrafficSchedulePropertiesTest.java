package dev.berth.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.traffic.TrafficSchedule.AllAtOnce;
import dev.berth.domain.traffic.TrafficSchedule.Canary;
import dev.berth.domain.traffic.TrafficSchedule.Linear;
import dev.berth.domain.traffic.TrafficSchedule.Steps;
import dev.berth.domain.traffic.TrafficStep.ManualPause;
import dev.berth.domain.traffic.TrafficStep.Shift;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * What must hold of every schedule, whatever its kind and settings: traffic only grows, always ends at
 * all of it, and the gate is one pause in the right place. Linear's arithmetic is checked for every step weight.
 */
class TrafficSchedulePropertiesTest {

    private static final Shift FULL = new Shift(100, Duration.ZERO);
    private static final String NEW_TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web-green/1";
    private static final String OLD_TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web-blue/2";

    @Property(tries = 1000)
    void trafficToTheNewColorOnlyGrowsWithinZeroToAHundred(@ForAll("schedules") TrafficSchedule schedule,
            @ForAll boolean manualGate) {
        List<Integer> weights = weights(schedule.steps(manualGate));

        assertThat(weights).allSatisfy(w -> assertThat(w).isBetween(0, 100));
        assertThat(weights).isSorted();
    }

    @Property(tries = 1000)
    void everyShiftIsASplitThatAddsUpToAHundredAndReadsBack(@ForAll("schedules") TrafficSchedule schedule,
            @ForAll boolean manualGate) {
        for (int weight : weights(schedule.steps(manualGate))) {
            TrafficSplit split = TrafficSplit.toNew(weight);

            assertThat(split.newWeight() + split.oldWeight()).isEqualTo(100);
            assertThat(split.asWeights(NEW_TG, OLD_TG).values()).containsExactly(weight, 100 - weight);
            assertThat(split.matches(split.asWeights(NEW_TG, OLD_TG), NEW_TG, OLD_TG)).isTrue();
        }
    }

    @Property(tries = 1000)
    void everyScheduleEndsWithAllTrafficAndNoBake(@ForAll("schedules") TrafficSchedule schedule, @ForAll boolean manualGate) {
        assertThat(schedule.steps(manualGate).getLast()).isEqualTo(FULL);
    }

    @Property(tries = 1000)
    void theGateIsOnePauseRightBeforeTheFirstShiftToAllAndNothingElse(@ForAll("schedules") TrafficSchedule schedule) {
        List<TrafficStep> ungated = schedule.steps(false);
        List<TrafficStep> gated = schedule.steps(true);
        int full = firstShiftToAll(gated);
        int fullUngated = firstShiftToAll(ungated);

        assertThat(gated.get(full - 1)).as("%s", gated).isInstanceOf(ManualPause.class);
        assertThat(full < 2 || !(gated.get(full - 2) instanceof ManualPause)).as("two pauses before the shift to all: %s", gated).isTrue();
        assertThat(schedule.shiftCount(true)).isEqualTo(schedule.shiftCount(false));
        if (fullUngated > 0 && ungated.get(fullUngated - 1) instanceof ManualPause) {
            assertThat(gated).isEqualTo(ungated);
        } else {
            List<TrafficStep> withoutGate = new ArrayList<>(gated);
            withoutGate.remove(full - 1);
            assertThat(withoutGate).isEqualTo(ungated);
        }
    }

    private static int firstShiftToAll(List<TrafficStep> steps) {
        return IntStream.range(0, steps.size()).filter(i -> steps.get(i) instanceof TrafficStep.Shift s && s.weight() == 100)
                .findFirst().orElseThrow();
    }

    @Property(tries = 1000)
    void noScheduleWaitsForAPersonTwiceInARow(@ForAll("schedules") TrafficSchedule schedule, @ForAll boolean manualGate) {
        List<TrafficStep> steps = schedule.steps(manualGate);

        assertThat(IntStream.range(1, steps.size()))
                .noneMatch(i -> steps.get(i) instanceof ManualPause && steps.get(i - 1) instanceof ManualPause);
    }

    @Property(tries = 500)
    void onlyExplicitStepsOrTheGatePause(@ForAll("builtIn") TrafficSchedule schedule, @ForAll boolean manualGate) {
        long pauses = schedule.steps(manualGate).stream().filter(ManualPause.class::isInstance).count();

        assertThat(pauses).isEqualTo(manualGate ? 1 : 0);
    }

    @Property
    void linearTakesTheDefinedNumberOfShiftsEachBakingTheInterval(@ForAll @IntRange(min = 1, max = 99) int stepWeight,
            @ForAll("bakes") Duration interval) {
        List<TrafficStep> steps = new Linear(stepWeight, interval).steps(false);
        int n = Math.max(2, (int) Math.round(100.0 / stepWeight));

        assertThat(steps).hasSize(n).hasSizeLessThanOrEqualTo(100);
        assertThat(steps.subList(0, n - 1)).allSatisfy(step -> assertThat(((Shift) step).bake()).isEqualTo(interval));
        assertThat(weights(steps.subList(0, n - 1))).isEqualTo(IntStream.range(1, n).map(k -> k * stepWeight).boxed().toList());
    }

    @Property
    void linearUpToHalfNeverEndsWithASliverAndStaysOnMultiples(@ForAll @IntRange(min = 1, max = 50) int stepWeight) {
        List<Integer> weights = weights(new Linear(stepWeight, Duration.ofMinutes(1)).steps(false));
        int finalIncrement = 100 - weights.get(weights.size() - 2);

        assertThat(2 * finalIncrement).as("final step of %d%% after %s", finalIncrement, weights).isGreaterThanOrEqualTo(stepWeight);
        assertThat(finalIncrement).isPositive();
        assertThat(weights.subList(0, weights.size() - 1)).allSatisfy(w -> assertThat(w % stepWeight).isZero());
    }

    @Property(tries = 500)
    void aCanaryIsItsShareThenAll(@ForAll @IntRange(min = 1, max = 99) int weight, @ForAll("bakes") Duration bake) {
        assertThat(new Canary(weight, bake).steps(false)).containsExactly(new Shift(weight, bake), FULL);
    }

    @Property(tries = 500)
    void explicitStepsAreKeptAsWrittenBeforeTheClosingShift(@ForAll("explicit") Steps schedule) {
        List<TrafficStep> steps = schedule.steps(false);

        assertThat(steps.subList(0, schedule.steps().size())).isEqualTo(schedule.steps());
        assertThat(steps.size() - schedule.steps().size()).isEqualTo(schedule.steps().getLast().equals(FULL) ? 0 : 1);
    }

    @Property(tries = 500)
    void aShiftBelowAnEarlierOneIsRejectedByNumber(@ForAll("explicit") Steps schedule) {
        List<TrafficStep> steps = new ArrayList<>(schedule.steps());
        int highest = weights(steps).stream().mapToInt(Integer::intValue).max().orElse(0);
        Assume.that(highest > 0 && steps.size() < Steps.MAX_STEPS);
        steps.add(new Shift(highest - 1, Duration.ZERO));

        assertThatThrownBy(() -> new Steps(steps))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("step " + steps.size() + " shifts to " + (highest - 1) + "%, below the " + highest + "% of step ");
    }

    @Provide
    Arbitrary<TrafficSchedule> schedules() {
        return Arbitraries.oneOf(builtIn(), explicit());
    }

    @Provide
    Arbitrary<TrafficSchedule> builtIn() {
        Arbitrary<Integer> percent = Arbitraries.integers().between(1, 99);
        return Arbitraries.oneOf(
                Arbitraries.just(new AllAtOnce()),
                Combinators.combine(percent, bakes()).as(Canary::new),
                Combinators.combine(percent, bakes()).as(Linear::new));
    }

    @Provide
    Arbitrary<Duration> bakes() {
        return Arbitraries.longs().between(1, 86_400).map(Duration::ofSeconds);
    }

    /**
     * Valid explicit lists: random weights sorted into the shifts' places (so they never decrease), and a
     * pause that would follow a pause turned into a shift at the weight already reached.
     */
    @Provide
    Arbitrary<Steps> explicit() {
        Arbitrary<Integer> weightOrPause = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(-1)),
                Tuple.of(3, Arbitraries.integers().between(0, 100)));
        Arbitrary<Long> bake = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(3, Arbitraries.longs().between(0, 86_400)));
        return Combinators.combine(weightOrPause, bake).as(Entry::new).list().ofMinSize(1).ofMaxSize(Steps.MAX_STEPS)
                .map(TrafficSchedulePropertiesTest::steps);
    }

    private record Entry(int weightOrPause, long bakeSeconds) {}

    private static Steps steps(List<Entry> entries) {
        List<Integer> sorted = entries.stream().map(Entry::weightOrPause).filter(w -> w >= 0).sorted().toList();
        List<TrafficStep> steps = new ArrayList<>();
        int next = 0;
        int reached = 0;
        for (Entry entry : entries) {
            boolean pause = entry.weightOrPause() < 0;
            if (pause && !(!steps.isEmpty() && steps.getLast() instanceof ManualPause)) {
                steps.add(new ManualPause());
            } else if (pause) {
                steps.add(new Shift(reached, Duration.ofSeconds(entry.bakeSeconds())));
            } else {
                reached = sorted.get(next++);
                steps.add(new Shift(reached, Duration.ofSeconds(entry.bakeSeconds())));
            }
        }
        return new Steps(steps);
    }

    private static List<Integer> weights(List<TrafficStep> steps) {
        return steps.stream().filter(Shift.class::isInstance).map(step -> ((Shift) step).weight()).toList();
    }
}
