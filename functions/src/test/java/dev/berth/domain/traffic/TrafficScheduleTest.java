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
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind's expansion written out, and each way configuring one can go wrong. */
class TrafficScheduleTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void allAtOnceIsOneShift() {
        AllAtOnce schedule = new AllAtOnce();

        assertThat(schedule.kind()).isEqualTo("all-at-once");
        assertThat(StepsText.of(schedule.steps(false))).isEqualTo("100@0");
        assertThat(StepsText.of(schedule.steps(true))).isEqualTo("pause, 100@0");
        assertThat(schedule.shiftCount(true)).isEqualTo(1);
    }

    @Test
    void aCanaryBakesItsShareThenTakesAll() {
        Canary schedule = new Canary(10, Duration.ofMinutes(5));

        assertThat(schedule.kind()).isEqualTo("canary");
        assertThat(StepsText.of(schedule.steps(false))).isEqualTo("10@300, 100@0");
        assertThat(StepsText.of(schedule.steps(true))).isEqualTo("10@300, pause, 100@0");
        assertThat(schedule.shiftCount(false)).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10 | 10@60, 20@60, 30@60, 40@60, 50@60, 60@60, 70@60, 80@60, 90@60, 100@0
            33 | 33@60, 66@60, 100@0
            7  | 7@60, 14@60, 21@60, 28@60, 35@60, 42@60, 49@60, 56@60, 63@60, 70@60, 77@60, 84@60, 91@60, 100@0
            40 | 40@60, 80@60, 100@0
            8  | 8@60, 16@60, 24@60, 32@60, 40@60, 48@60, 56@60, 64@60, 72@60, 80@60, 88@60, 96@60, 100@0
            50 | 50@60, 100@0
            60 | 60@60, 100@0
            70 | 70@60, 100@0
            99 | 99@60, 100@0
            """)
    void linearStepsAreMultiplesOfTheStepWeightEndingAtAll(int stepWeight, String expected) {
        Linear schedule = new Linear(stepWeight, MINUTE);

        assertThat(schedule.kind()).isEqualTo("linear");
        assertThat(StepsText.of(schedule.steps(false))).isEqualTo(expected);
    }

    @Test
    void linearByOnePercentIsAHundredShifts() {
        List<TrafficStep> steps = new Linear(1, MINUTE).steps(true);

        assertThat(new Linear(1, MINUTE).shiftCount(true)).isEqualTo(100);
        assertThat(steps).hasSize(101);
        assertThat(steps.get(98)).isEqualTo(new Shift(99, MINUTE));
        assertThat(steps.subList(99, 101)).containsExactly(new ManualPause(), new Shift(100, Duration.ZERO));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10@60                      | false | 10@60, 100@0
            10@60                      | true  | 10@60, pause, 100@0
            10@60, pause, 50@0         | false | 10@60, pause, 50@0, 100@0
            10@60, pause, 50@0         | true  | 10@60, pause, 50@0, pause, 100@0
            10@60, 100@0               | false | 10@60, 100@0
            10@60, 100@0               | true  | 10@60, pause, 100@0
            10@60, pause, 100@0        | true  | 10@60, pause, 100@0
            10@60, pause               | false | 10@60, pause, 100@0
            10@60, pause               | true  | 10@60, pause, 100@0
            pause                      | false | pause, 100@0
            pause                      | true  | pause, 100@0
            100@0                      | true  | pause, 100@0
            0@30, 0@30, 25@0           | false | 0@30, 0@30, 25@0, 100@0
            50@60, 100@600             | false | 50@60, 100@600, 100@0
            50@60, 100@600             | true  | 50@60, pause, 100@600, 100@0
            100@0, pause               | false | 100@0, pause, 100@0
            """)
    void explicitStepsEndAtAllTrafficWithTheGateBeforeTheFirstShiftToAll(String steps, boolean manualGate, String expected) {
        Steps schedule = new Steps(StepsText.parse(steps));

        assertThat(schedule.kind()).isEqualTo("steps");
        assertThat(StepsText.of(schedule.steps(manualGate))).isEqualTo(expected);
    }

    @Test
    void explicitStepsKeepTheirOwnCopy() {
        List<TrafficStep> configured = new ArrayList<>(StepsText.parse("10@60, 50@60"));
        Steps schedule = new Steps(configured);

        configured.set(1, new ManualPause());

        assertThat(StepsText.of(schedule.steps())).isEqualTo("10@60, 50@60");
        assertThatThrownBy(() -> schedule.steps().add(new ManualPause())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> schedule.steps(true).add(new ManualPause())).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0   | PT5M      | canary 'weight' 0 must be between 1 and 99 (the percentage of traffic the canary gets)
            100 | PT5M      | canary 'weight' 100 must be between 1 and 99 (the percentage of traffic the canary gets)
            -5  | PT5M      | canary 'weight' -5 must be between 1 and 99 (the percentage of traffic the canary gets)
            10  | PT0S      | canary bake 0s must be between 1s and 1d ('bakeSeconds' 1-86400)
            10  | PT0.5S    | canary bake 500ms must be between 1s and 1d ('bakeSeconds' 1-86400)
            10  | PT24H1S   | canary bake 1d1s must be between 1s and 1d ('bakeSeconds' 1-86400)
            10  |           | canary bake is missing ('bakeSeconds', 1-86400)
            """)
    void rejectsACanaryOutOfBounds(int weight, Duration bake, String message) {
        assertThatThrownBy(() -> new Canary(weight, bake))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"1, PT1S", "99, PT24H"})
    void acceptsACanaryAtItsBounds(int weight, Duration bake) {
        assertThat(new Canary(weight, bake).steps(false).getFirst()).isEqualTo(new Shift(weight, bake));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0   | PT1M      | linear 'stepWeight' 0 must be between 1 and 99 (the percentage added at each step)
            100 | PT1M      | linear 'stepWeight' 100 must be between 1 and 99 (the percentage added at each step)
            10  | PT0S      | linear interval 0s must be between 1s and 1d ('intervalSeconds' 1-86400)
            10  | PT25H     | linear interval 1d1h must be between 1s and 1d ('intervalSeconds' 1-86400)
            10  |           | linear interval is missing ('intervalSeconds', 1-86400)
            """)
    void rejectsALinearScheduleOutOfBounds(int stepWeight, Duration interval, String message) {
        assertThatThrownBy(() -> new Linear(stepWeight, interval))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10@60, 5@60                | step 2 shifts to 5%, below the 10% of step 1: traffic to the new color only grows (an abort is what sends it back)
            10@0, pause, 40@0, pause, 20@0 | step 5 shifts to 20%, below the 40% of step 3: traffic to the new color only grows (an abort is what sends it back)
            100@0, 99@0                | step 2 shifts to 99%, below the 100% of step 1: traffic to the new color only grows (an abort is what sends it back)
            10@60, pause, pause, 50@0  | steps 2 and 3 are both manual pauses: one pause already waits for a person
            pause, pause               | steps 1 and 2 are both manual pauses: one pause already waits for a person
            10@60, null, 50@0          | step 2 is empty: each step is a shift or a manual pause
            null                       | step 1 is empty: each step is a shift or a manual pause
            10@60, 20@86401            | step 2 bakes 1d1s; at most 1d
            """)
    void rejectsExplicitStepsThatCannotRun(String steps, String message) {
        assertThatThrownBy(() -> new Steps(StepsText.parse(steps)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void explicitStepsAcceptADayOfBakeAndFiftySteps() {
        List<TrafficStep> fifty = Collections.nCopies(50, new Shift(10, Duration.ofHours(24)));

        assertThat(new Steps(fifty).shiftCount(false)).isEqualTo(51);
    }

    @Test
    void explicitStepsAreOneToFifty() {
        List<TrafficStep> fiftyOne = Collections.nCopies(51, new Shift(10, MINUTE));

        assertThatThrownBy(() -> new Steps(fiftyOne))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'steps' lists 51 steps; at most 50");
        assertThatThrownBy(() -> new Steps(List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'steps' lists no steps: it needs 1 to 50 shifts and manual pauses");
        assertThatThrownBy(() -> new Steps(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'steps' lists no steps: it needs 1 to 50 shifts and manual pauses");
    }

    @Test
    void parsesEachKindFromItsFields() {
        List<TrafficStep> steps = StepsText.parse("10@60, pause");

        assertThat(TrafficSchedule.parse("all-at-once", null, null, null, null, null)).isEqualTo(new AllAtOnce());
        assertThat(TrafficSchedule.parse("canary", 10, 300L, null, null, null)).isEqualTo(new Canary(10, Duration.ofMinutes(5)));
        assertThat(TrafficSchedule.parse("linear", null, null, 20, 60L, null)).isEqualTo(new Linear(20, MINUTE));
        assertThat(TrafficSchedule.parse("steps", null, null, null, null, steps)).isEqualTo(new Steps(steps));
        assertThat(TrafficSchedule.parse(" Canary ", 10, 300L, null, null, null)).isEqualTo(new Canary(10, Duration.ofMinutes(5)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
                        |     |       |     |       |            | traffic needs a 'kind': Berth knows all-at-once, canary, linear, steps
            '  '        |     |       |     |       |            | traffic needs a 'kind': Berth knows all-at-once, canary, linear, steps
            blue-green  |     |       |     |       |            | unknown traffic kind 'blue-green': Berth knows all-at-once, canary, linear, steps
            canary      |     | 300   |     |       |            | canary needs 'weight' (1-99, the percentage of traffic the canary gets)
            canary      | 10  |       |     |       |            | canary needs 'bakeSeconds' (1-86400, how long the canary is watched before all traffic follows)
            canary      | 0   | 300   |     |       |            | canary 'weight' 0 must be between 1 and 99 (the percentage of traffic the canary gets)
            canary      | 100 | 300   |     |       |            | canary 'weight' 100 must be between 1 and 99 (the percentage of traffic the canary gets)
            canary      | 10  | 86401 |     |       |            | canary bake 1d1s must be between 1s and 1d ('bakeSeconds' 1-86400)
            canary      | 10  | -1    |     |       |            | canary bake -1s must be between 1s and 1d ('bakeSeconds' 1-86400)
            canary      | 10  | 300   | 10  |       |            | canary does not use 'stepWeight': it takes 'weight' and 'bakeSeconds'
            linear      |     |       |     | 60    |            | linear needs 'stepWeight' (1-99, the percentage added at each step)
            linear      |     |       | 10  |       |            | linear needs 'intervalSeconds' (1-86400, how long each step is watched before the next)
            linear      | 10  |       |     | 60    |            | linear does not use 'weight': it takes 'stepWeight' and 'intervalSeconds'
            linear      |     |       | 10  | 0     |            | linear interval 0s must be between 1s and 1d ('intervalSeconds' 1-86400)
            all-at-once |     | 300   |     |       |            | all-at-once does not use 'bakeSeconds': it takes no settings
            steps       |     |       |     |       |            | steps needs 'steps' (1-50 shifts and manual pauses, in order)
            steps       | 10  |       |     |       | 10@60      | steps does not use 'weight': it takes 'steps'
            steps       |     |       |     |       | 50@0, 10@0 | step 2 shifts to 10%, below the 50% of step 1: traffic to the new color only grows (an abort is what sends it back)
            all-at-once |     |       |     |       | 10@60      | all-at-once does not use 'steps': it takes no settings
            """)
    void namesTheFieldToFix(String kind, Integer weight, Long bakeSeconds, Integer stepWeight, Long intervalSeconds, String steps,
            String message) {
        List<TrafficStep> parsedSteps = steps == null ? null : StepsText.parse(steps);

        assertThatThrownBy(() -> TrafficSchedule.parse(kind, weight, bakeSeconds, stepWeight, intervalSeconds, parsedSteps))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }
}
