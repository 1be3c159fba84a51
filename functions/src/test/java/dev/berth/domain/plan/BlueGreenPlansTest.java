package dev.berth.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.target.Strategy.BlueGreen.ColorService;
import dev.berth.domain.traffic.Color;
import dev.berth.domain.traffic.TrafficSchedule;
import dev.berth.domain.traffic.TrafficStep;
import dev.berth.domain.traffic.TrafficStep.ManualPause;
import dev.berth.domain.traffic.TrafficStep.Shift;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Blue/green as data: every step of the forward plan and of its undo, named and checked as the engine runs them. */
class BlueGreenPlansTest {

    private static final String BLUE_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067";
    private static final String GREEN_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/83e2d6bc24d8a068";
    private static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
    private static final String TEST_LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/a2f7dc8efc522ab3";

    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofSeconds(15);
    private static final int THRESHOLD = 3;
    private static final Duration SETTLE = Duration.ofSeconds(45);
    private static final Strategy.Rolling HEALTH = new Strategy.Rolling(DEADLINE, POLL, THRESHOLD, SETTLE);
    private static final Duration GATE = Duration.ofMinutes(30);
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final Duration READ_BACK = Duration.ofSeconds(1);

    private static Strategy.BlueGreen strategy(TrafficSchedule traffic, boolean testListener, boolean manualGate, Duration finalBake) {
        return new Strategy.BlueGreen(HEALTH, new ColorService("shop-blue", BLUE_TG), new ColorService("shop-green", GREEN_TG), LISTENER,
                testListener ? Optional.of(TEST_LISTENER) : Optional.empty(), traffic, List.of("shop-5xx"), manualGate, GATE, finalBake, WAIT);
    }

    // The steps as the plan must write them, named for the new color `n` and the old `o`.

    private static Step start(String n) {
        return new Step("Start " + n + " on the new revision", new Action.StartColor(Revision.NEW, Fleet.NEW_COLOR),
                new Check.RevisionHealthy(Revision.NEW, DEADLINE, POLL, THRESHOLD, SETTLE, Fleet.NEW_COLOR));
    }

    private static Step testRoute(String n) {
        return new Step("Route the test listener to " + n, new Action.ShiftTraffic(Listener.TEST, 100),
                new Check.TrafficHolds(Listener.TEST, 100, Duration.ZERO, READ_BACK, THRESHOLD, false));
    }

    private static Step shift(String n, int weight, Duration bake, Duration interval) {
        return new Step("Shift " + weight + "% of traffic to " + n, new Action.ShiftTraffic(Listener.PRODUCTION, weight),
                new Check.TrafficHolds(Listener.PRODUCTION, weight, bake, interval, THRESHOLD, true));
    }

    private static Step shiftAll(String n, Duration bake, Duration interval) {
        return new Step("Shift all traffic to " + n, new Action.ShiftTraffic(Listener.PRODUCTION, 100),
                new Check.TrafficHolds(Listener.PRODUCTION, 100, bake, interval, THRESHOLD, true));
    }

    private static Step gate() {
        return new Step("Wait for promote or abort", new Action.AwaitGate(), new Check.Gate(GATE));
    }

    private static Step keep(String o) {
        return new Step("Keep " + o + " for the termination wait", new Action.Watch(), new Check.Elapsed(WAIT));
    }

    private static Step scaleDown(String o) {
        return new Step("Scale " + o + " down", new Action.ScaleDown(Fleet.OLD_COLOR), new Check.ScaledDown(Fleet.OLD_COLOR, DEADLINE, POLL));
    }

    private static List<TrafficStep> steps(TrafficStep... steps) {
        return List.of(steps);
    }

    static Stream<Arguments> forwardPlans() {
        Duration min = Duration.ofMinutes(1);
        Duration five = Duration.ofMinutes(5);
        Duration tenMin = Duration.ofMinutes(10);
        String g = "green";
        String b = "blue";
        return Stream.of(
                arguments("all at once, no final bake: the shift is read back once, a second after it is written",
                        new TrafficSchedule.AllAtOnce(), false, false, Duration.ZERO, Optional.of(Color.GREEN),
                        List.of(start(g), shiftAll(g, Duration.ZERO, READ_BACK), keep(b), scaleDown(b))),
                arguments("all at once with a final bake: the 100% shift bakes it at the poll interval",
                        new TrafficSchedule.AllAtOnce(), false, false, tenMin, Optional.of(Color.GREEN),
                        List.of(start(g), shiftAll(g, tenMin, POLL), keep(b), scaleDown(b))),
                arguments("all at once with a final bake shorter than the poll interval: it looks when the bake ends",
                        new TrafficSchedule.AllAtOnce(), false, false, Duration.ofSeconds(7), Optional.of(Color.GREEN),
                        List.of(start(g), shiftAll(g, Duration.ofSeconds(7), Duration.ofSeconds(7)), keep(b), scaleDown(b))),
                arguments("all at once with a test listener: the test listener goes first, all of it, only read back",
                        new TrafficSchedule.AllAtOnce(), true, false, Duration.ZERO, Optional.of(Color.GREEN),
                        List.of(start(g), testRoute(g), shiftAll(g, Duration.ZERO, READ_BACK), keep(b), scaleDown(b))),
                arguments("all at once behind a gate", new TrafficSchedule.AllAtOnce(), false, true, Duration.ZERO, Optional.of(Color.GREEN),
                        List.of(start(g), gate(), shiftAll(g, Duration.ZERO, READ_BACK), keep(b), scaleDown(b))),
                arguments("a canary: its share baked, then all with the final bake", new TrafficSchedule.Canary(10, five), false, false, tenMin,
                        Optional.of(Color.GREEN),
                        List.of(start(g), shift(g, 10, five, POLL), shiftAll(g, tenMin, POLL), keep(b), scaleDown(b))),
                arguments("a canary baked shorter than the poll interval", new TrafficSchedule.Canary(25, Duration.ofSeconds(10)), false, false,
                        Duration.ZERO, Optional.of(Color.GREEN),
                        List.of(start(g), shift(g, 25, Duration.ofSeconds(10), Duration.ofSeconds(10)), shiftAll(g, Duration.ZERO, READ_BACK),
                                keep(b), scaleDown(b))),
                arguments("a canary baked exactly the poll interval", new TrafficSchedule.Canary(25, POLL), false, false, Duration.ZERO,
                        Optional.of(Color.GREEN),
                        List.of(start(g), shift(g, 25, POLL, POLL), shiftAll(g, Duration.ZERO, READ_BACK), keep(b), scaleDown(b))),
                arguments("a canary with a test listener and a gate", new TrafficSchedule.Canary(10, five), true, true, tenMin,
                        Optional.of(Color.GREEN),
                        List.of(start(g), testRoute(g), shift(g, 10, five, POLL), gate(), shiftAll(g, tenMin, POLL), keep(b), scaleDown(b))),
                arguments("linear by 33%: 33, 66, then all", new TrafficSchedule.Linear(33, min), false, false, Duration.ZERO,
                        Optional.of(Color.GREEN),
                        List.of(start(g), shift(g, 33, min, POLL), shift(g, 66, min, POLL), shiftAll(g, Duration.ZERO, READ_BACK),
                                keep(b), scaleDown(b))),
                arguments("linear by 33% behind a gate", new TrafficSchedule.Linear(33, min), false, true, five, Optional.of(Color.GREEN),
                        List.of(start(g), shift(g, 33, min, POLL), shift(g, 66, min, POLL), gate(), shiftAll(g, five, POLL),
                                keep(b), scaleDown(b))),
                arguments("explicit steps with a manual pause: the pause is a gate, a 0s bake is read back",
                        new TrafficSchedule.Steps(steps(new Shift(10, min), new ManualPause(), new Shift(50, Duration.ZERO))),
                        false, false, tenMin, Optional.of(Color.GREEN),
                        List.of(start(g), shift(g, 10, min, POLL), gate(), shift(g, 50, Duration.ZERO, READ_BACK), shiftAll(g, tenMin, POLL),
                                keep(b), scaleDown(b))),
                arguments("explicit steps and a gate: one more pause before the last shift",
                        new TrafficSchedule.Steps(steps(new Shift(10, min), new ManualPause(), new Shift(50, Duration.ZERO))),
                        true, true, Duration.ZERO, Optional.of(Color.GREEN),
                        List.of(start(g), testRoute(g), shift(g, 10, min, POLL), gate(), shift(g, 50, Duration.ZERO, READ_BACK), gate(),
                                shiftAll(g, Duration.ZERO, READ_BACK), keep(b), scaleDown(b))),
                arguments("explicit steps ending in a pause and a gate: the pause is the gate",
                        new TrafficSchedule.Steps(steps(new Shift(10, min), new ManualPause())), false, true, Duration.ZERO,
                        Optional.of(Color.GREEN),
                        List.of(start(g), shift(g, 10, min, POLL), gate(), shiftAll(g, Duration.ZERO, READ_BACK), keep(b), scaleDown(b))),
                arguments("explicit steps ending at 100% with no bake: nothing is added",
                        new TrafficSchedule.Steps(steps(new Shift(20, five), new Shift(100, Duration.ZERO))), false, false, five,
                        Optional.of(Color.GREEN),
                        List.of(start(g), shift(g, 20, five, POLL), shiftAll(g, five, POLL), keep(b), scaleDown(b))),
                arguments("blue brought up: the colors swap in every name", new TrafficSchedule.Canary(10, five), true, true, tenMin,
                        Optional.of(Color.BLUE),
                        List.of(start(b), testRoute(b), shift(b, 10, five, POLL), gate(), shiftAll(b, tenMin, POLL), keep(g), scaleDown(g))),
                arguments("no color known: named by role", new TrafficSchedule.Canary(10, five), true, true, tenMin, Optional.empty(),
                        List.of(start("the new color"), testRoute("the new color"), shift("the new color", 10, five, POLL), gate(),
                                shiftAll("the new color", tenMin, POLL), keep("the old color"), scaleDown("the old color"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwardPlans")
    void theForwardPlanIsEveryStepInOrder(String description, TrafficSchedule traffic, boolean testListener, boolean manualGate,
                                          Duration finalBake, Optional<Color> newColor, List<Step> expected) {
        Strategy.BlueGreen strategy = strategy(traffic, testListener, manualGate, finalBake);

        assertThat(Plans.forward(strategy, newColor)).containsExactlyElementsOf(expected);
        assertThat(Plans.steps(strategy, Phase.FORWARD, new RollbackCause.Failure("ignored"), newColor)).isEqualTo(Plans.forward(strategy, newColor));
        if (newColor.isEmpty()) {
            assertThat(Plans.forward(strategy)).isEqualTo(Plans.forward(strategy, newColor));
        }
        // The termination wait is where it is committed: the step after the last shift.
        assertThat(Plans.committedFrom(strategy)).isEqualTo(OptionalInt.of(expected.size() - 2));
        assertThat(expected.get(Plans.committedFrom(strategy).getAsInt()).name()).endsWith(" for the termination wait");
    }

    @Test
    void theColorChangesOnlyTheNames() {
        Strategy.BlueGreen strategy = strategy(new TrafficSchedule.Canary(10, Duration.ofMinutes(5)), true, true, Duration.ZERO);

        List<Step> green = Plans.forward(strategy, Optional.of(Color.GREEN));
        List<Step> blue = Plans.forward(strategy, Optional.of(Color.BLUE));
        List<Step> unknown = Plans.forward(strategy);

        assertThat(green).hasSameSizeAs(blue).hasSameSizeAs(unknown);
        for (int i = 0; i < green.size(); i++) {
            assertThat(green.get(i).action()).isEqualTo(blue.get(i).action()).isEqualTo(unknown.get(i).action());
            assertThat(green.get(i).check()).isEqualTo(blue.get(i).check()).isEqualTo(unknown.get(i).check());
        }
    }

    static Stream<Arguments> rollbackPlans() {
        Step back = new Step("Shift all traffic back to blue", new Action.ShiftTraffic(Listener.PRODUCTION, 0),
                new Check.TrafficHolds(Listener.PRODUCTION, 0, Duration.ZERO, READ_BACK, THRESHOLD, false));
        Step testBack = new Step("Route the test listener back to blue", new Action.ShiftTraffic(Listener.TEST, 0),
                new Check.TrafficHolds(Listener.TEST, 0, Duration.ZERO, READ_BACK, THRESHOLD, false));
        Step down = new Step("Scale green down", new Action.ScaleDown(Fleet.NEW_COLOR),
                new Check.ScaledDown(Fleet.NEW_COLOR, DEADLINE, POLL));
        RollbackCause failure = new RollbackCause.Failure("alarm shop-5xx is in ALARM");
        RollbackCause ecs = new RollbackCause.EcsRollback("ECS deployment circuit breaker");
        return Stream.of(
                arguments("a failure, no test listener", failure, false, Optional.of(Color.GREEN), List.of(back, down)),
                arguments("ECS's rollback, no test listener: traffic goes back all the same", ecs, false, Optional.of(Color.GREEN),
                        List.of(back, down)),
                arguments("a failure, with a test listener", failure, true, Optional.of(Color.GREEN), List.of(back, testBack, down)),
                arguments("ECS's rollback, with a test listener", ecs, true, Optional.of(Color.GREEN), List.of(back, testBack, down)),
                arguments("blue was brought up", failure, true, Optional.of(Color.BLUE), List.of(
                        new Step("Shift all traffic back to green", back.action(), back.check()),
                        new Step("Route the test listener back to green", testBack.action(), testBack.check()),
                        new Step("Scale blue down", down.action(), down.check()))),
                arguments("no color known", failure, true, Optional.empty(), List.of(
                        new Step("Shift all traffic back to the old color", back.action(), back.check()),
                        new Step("Route the test listener back to the old color", testBack.action(), testBack.check()),
                        new Step("Scale the new color down", down.action(), down.check()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rollbackPlans")
    void theUndoSendsTrafficBackThenLetsTheNewColorGo(String description, RollbackCause cause, boolean testListener, Optional<Color> newColor,
                                                      List<Step> expected) {
        for (TrafficSchedule traffic : List.of(new TrafficSchedule.AllAtOnce(), new TrafficSchedule.Linear(10, Duration.ofMinutes(1)))) {
            for (boolean manualGate : List.of(false, true)) {
                Strategy.BlueGreen strategy = strategy(traffic, testListener, manualGate, Duration.ofMinutes(10));

                assertThat(Plans.rollback(strategy, cause, newColor)).as("%s, gate %s", traffic, manualGate).containsExactlyElementsOf(expected);
                assertThat(Plans.steps(strategy, Phase.ROLLBACK, cause, newColor)).isEqualTo(expected);
                if (newColor.isEmpty()) {
                    assertThat(Plans.rollback(strategy, cause)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void rollingIsUnchangedByTheColors() {
        Strategy.Rolling rolling = HEALTH;
        Step roll = new Step("Roll the service out to the new revision", new Action.UpdateService(Revision.NEW),
                new Check.RevisionHealthy(Revision.NEW, DEADLINE, POLL, THRESHOLD, SETTLE, Fleet.SERVICE));

        assertThat(Plans.forward(rolling)).containsExactly(roll);
        assertThat(Plans.forward(rolling, Optional.of(Color.GREEN))).containsExactly(roll);
        assertThat(Plans.rollback(rolling, new RollbackCause.Failure("f"), Optional.of(Color.BLUE)))
                .isEqualTo(Plans.rollback(rolling, new RollbackCause.Failure("f")))
                .hasSize(1);
        assertThat(Plans.committedFrom(rolling)).isEmpty();
    }

    @Test
    void aBlueGreenDeploymentSupersededUndoesWhatItDid() {
        assertThat(SupersedeHandling.of(strategy(new TrafficSchedule.AllAtOnce(), false, false, Duration.ZERO)))
                .isEqualTo(SupersedeHandling.UNDO);
    }

    @Test
    void whatChangesTheServicesAndWhatOnlyWaits() {
        assertThat(new Action.StartColor(Revision.NEW, Fleet.NEW_COLOR).changesService()).isTrue();
        assertThat(new Action.ShiftTraffic(Listener.PRODUCTION, 0).changesService()).isTrue();
        assertThat(new Action.ScaleDown(Fleet.OLD_COLOR).changesService()).isTrue();
        assertThat(new Action.AwaitGate().changesService()).isFalse();
        assertThat(new Action.Watch().changesService()).isFalse();
        // The first step changes the new color, so a failure anywhere after it has something to undo.
        assertThat(Plans.forward(strategy(new TrafficSchedule.AllAtOnce(), true, true, Duration.ZERO)).getFirst().action().changesService()).isTrue();
        assertThat(new Check.Gate(GATE).interval()).isEqualTo(GATE);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("StartColor on the rolling service", (Runnable) () -> new Action.StartColor(Revision.NEW, Fleet.SERVICE),
                        "a StartColor step needs a revision and a color"),
                arguments("StartColor without a revision", (Runnable) () -> new Action.StartColor(null, Fleet.NEW_COLOR),
                        "a StartColor step needs a revision and a color"),
                arguments("a shift past 100%", (Runnable) () -> new Action.ShiftTraffic(Listener.PRODUCTION, 101),
                        "a ShiftTraffic step needs a listener and a weight of 0-100, not 101"),
                arguments("a shift below 0%", (Runnable) () -> new Action.ShiftTraffic(Listener.TEST, -1),
                        "a ShiftTraffic step needs a listener and a weight of 0-100, not -1"),
                arguments("a shift without a listener", (Runnable) () -> new Action.ShiftTraffic(null, 50),
                        "a ShiftTraffic step needs a listener and a weight of 0-100, not 50"),
                arguments("ScaleDown of the rolling service", (Runnable) () -> new Action.ScaleDown(Fleet.SERVICE), "a ScaleDown step needs a color"),
                arguments("ScaleDown of nothing", (Runnable) () -> new Action.ScaleDown(null), "a ScaleDown step needs a color"),
                arguments("a negative bake", (Runnable) () -> new Check.TrafficHolds(Listener.PRODUCTION, 10, Duration.ofSeconds(-1), POLL, 1, true),
                        "a traffic check needs a listener, a bake of 0 or more, an interval and a threshold"),
                arguments("a zero threshold", (Runnable) () -> new Check.TrafficHolds(Listener.PRODUCTION, 10, POLL, POLL, 0, true),
                        "a traffic check needs a listener, a bake of 0 or more, an interval and a threshold"),
                arguments("a gate without a timeout", (Runnable) () -> new Check.Gate(Duration.ZERO), "a gate needs a timeout"),
                arguments("a negative wait", (Runnable) () -> new Check.Elapsed(Duration.ofSeconds(-1)), "a wait needs a duration of 0 or more"),
                arguments("a scale-down check without a deadline", (Runnable) () -> new Check.ScaledDown(Fleet.OLD_COLOR, null, POLL),
                        "a scale-down check needs a fleet, a deadline and an interval"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void stepsTheEngineCannotRunAreRefused(String description, Runnable construct, String message) {
        assertThatThrownBy(construct::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    // ---- The final bake is baked once, and the whole plan fits in the 20h the strategy promises. ----

    /**
     * A list ending at 100% with a bake of its own is closed by one more {@code Shift(100, 0s)}: the plan then has
     * two 100% shifts, and the final bake must still be baked once (after the last), as {@link Strategy.BlueGreen}
     * counts it once in its 20h limit.
     */
    @Test
    void aListEndingAtAllTrafficWithABakeStillBakesTheFinalBakeOnce() {
        Duration five = Duration.ofMinutes(5);
        Duration tenMin = Duration.ofMinutes(10);
        Strategy.BlueGreen strategy = strategy(new TrafficSchedule.Steps(steps(new Shift(50, Duration.ofMinutes(1)), new Shift(100, five))),
                false, false, tenMin);

        assertThat(productionBakes(Plans.forward(strategy))).as("production bakes of %s", Plans.forward(strategy))
                .isEqualTo(Duration.ofMinutes(1).plus(five).plus(tenMin));
    }

    /**
     * Accepted as at most 6h25m (10m to start, three 1s bakes, a 6h final bake, 10m to scale down), but every one of
     * the four 100% shifts bakes the 6h final bake: over 24h, more than one execution can run.
     */
    @Test
    void anAcceptedStrategysPlanFitsInTwentyHours() {
        Duration second = Duration.ofSeconds(1);
        Strategy.BlueGreen strategy = new Strategy.BlueGreen(HEALTH, new ColorService("shop-blue", BLUE_TG),
                new ColorService("shop-green", GREEN_TG), LISTENER, Optional.empty(),
                new TrafficSchedule.Steps(steps(new Shift(100, second), new Shift(100, second), new Shift(100, second))),
                List.of(), false, GATE, Duration.ofHours(6), Duration.ZERO);

        assertThat(worstCase(Plans.forward(strategy))).as("worst case of %s", Plans.forward(strategy))
                .isLessThanOrEqualTo(Strategy.BlueGreen.MAX_TOTAL);
    }

    @Property(tries = 1000)
    void theFinalBakeIsBakedOnceAfterTheSchedulesOwnBakes(@ForAll("strategies") Strategy.BlueGreen strategy) {
        Duration scheduled = strategy.traffic().steps(strategy.manualGate()).stream().filter(Shift.class::isInstance)
                .map(step -> ((Shift) step).bake()).reduce(Duration.ZERO, Duration::plus);

        assertThat(productionBakes(Plans.forward(strategy))).as("production bakes of %s (final bake %s)", strategy.traffic(), strategy.finalBake())
                .isEqualTo(scheduled.plus(strategy.finalBake()));
    }

    @Property(tries = 1000)
    void everyForwardPlanStartsTheNewColorShiftsUpToAllThenLetsTheOldColorGo(@ForAll("strategies") Strategy.BlueGreen strategy,
                                                                            @ForAll("colors") Optional<Color> newColor) {
        List<Step> plan = Plans.forward(strategy, newColor);
        List<TrafficStep> schedule = strategy.traffic().steps(strategy.manualGate());

        assertThat(plan.getFirst().action()).isEqualTo(new Action.StartColor(Revision.NEW, Fleet.NEW_COLOR));
        assertThat(plan.getFirst().check()).isInstanceOf(Check.RevisionHealthy.class);
        Step wait = plan.get(plan.size() - 2);
        assertThat(wait.action()).isEqualTo(new Action.Watch());
        assertThat(wait.check()).isEqualTo(new Check.Elapsed(strategy.terminationWait()));
        assertThat(plan.getLast().action()).isEqualTo(new Action.ScaleDown(Fleet.OLD_COLOR));
        assertThat(Plans.committedFrom(strategy)).isEqualTo(OptionalInt.of(plan.size() - 2));

        List<Integer> weights = plan.stream().map(Step::action).filter(Action.ShiftTraffic.class::isInstance).map(Action.ShiftTraffic.class::cast)
                .filter(s -> s.listener() == Listener.PRODUCTION).map(Action.ShiftTraffic::newWeight).toList();
        // A closing 100%/0s right after a shift to 100% with a bake of its own is one step, not two.
        int last = schedule.size() - 1;
        int merged = last > 0 && schedule.get(last) instanceof TrafficStep.Shift closing && closing.bake().isZero()
                && schedule.get(last - 1) instanceof TrafficStep.Shift before && before.weight() == 100 ? 1 : 0;
        assertThat(weights).isSorted().endsWith(100).hasSize(strategy.traffic().shiftCount(strategy.manualGate()) - merged);
        assertThat(plan.stream().filter(s -> s.action() instanceof Action.AwaitGate).count())
                .isEqualTo(schedule.stream().filter(ManualPause.class::isInstance).count());
        assertThat(plan).hasSize(schedule.size() - merged + 3 + (strategy.testListenerArn().isPresent() ? 1 : 0));
        assertThat(plan.stream().filter(s -> s.action() instanceof Action.ShiftTraffic t && t.listener() == Listener.TEST).count())
                .isEqualTo(strategy.testListenerArn().isPresent() ? 1 : 0);

        // Each shift is read back at its own weight, watched with the new color's health, at most every poll interval.
        for (Step step : plan) {
            if (step.action() instanceof Action.ShiftTraffic shift) {
                Check.TrafficHolds holds = (Check.TrafficHolds) step.check();
                assertThat(holds.listener()).isEqualTo(shift.listener());
                assertThat(holds.newWeight()).isEqualTo(shift.newWeight());
                assertThat(holds.watchHealth()).isEqualTo(shift.listener() == Listener.PRODUCTION);
                assertThat(holds.failureThreshold()).isEqualTo(strategy.health().failureThreshold());
                assertThat(holds.interval()).isEqualTo(holds.bake().isZero() ? READ_BACK
                        : holds.bake().compareTo(strategy.health().pollInterval()) < 0 ? holds.bake() : strategy.health().pollInterval());
            }
        }
    }

    @Property(tries = 500)
    void everyUndoEndsWithNoTrafficOnTheNewColorAndTheNewColorDown(@ForAll("strategies") Strategy.BlueGreen strategy,
                                                                  @ForAll("colors") Optional<Color> newColor) {
        List<Step> undo = Plans.rollback(strategy, new RollbackCause.Failure("f"), newColor);

        assertThat(undo).isEqualTo(Plans.rollback(strategy, new RollbackCause.EcsRollback("e"), newColor));
        assertThat(undo.getFirst().action()).isEqualTo(new Action.ShiftTraffic(Listener.PRODUCTION, 0));
        assertThat(undo.getLast().action()).isEqualTo(new Action.ScaleDown(Fleet.NEW_COLOR));
        assertThat(undo).allSatisfy(step -> assertThat(step.action().changesService()).isTrue());
        assertThat(undo).hasSize(strategy.testListenerArn().isPresent() ? 3 : 2);
    }

    @Provide
    Arbitrary<Optional<Color>> colors() {
        return Arbitraries.of(Optional.empty(), Optional.of(Color.BLUE), Optional.of(Color.GREEN));
    }

    @Provide
    Arbitrary<Strategy.BlueGreen> strategies() {
        Arbitrary<Duration> bake = Arbitraries.longs().between(1, 1_800).map(Duration::ofSeconds);
        Arbitrary<Integer> percent = Arbitraries.integers().between(1, 99);
        Arbitrary<TrafficSchedule> schedule = Arbitraries.oneOf(
                Arbitraries.just(new TrafficSchedule.AllAtOnce()),
                Combinators.combine(percent, bake).as(TrafficSchedule.Canary::new),
                Combinators.combine(Arbitraries.integers().between(5, 99), bake).as(TrafficSchedule.Linear::new),
                explicit());
        Arbitrary<Strategy.Rolling> health = Combinators.combine(Arbitraries.longs().between(30, 3_600), Arbitraries.longs().between(1, 300),
                        Arbitraries.integers().between(1, 10))
                .as((deadline, poll, threshold) -> Tuple.of(deadline, poll, threshold))
                .filter(t -> t.get2() < t.get1() && t.get1() / t.get2() <= Strategy.Rolling.MAX_LOOKS)
                .map(t -> new Strategy.Rolling(Duration.ofSeconds(t.get1()), Duration.ofSeconds(t.get2()), t.get3()));
        Arbitrary<Duration> upToTwoHours = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                Tuple.of(3, Arbitraries.longs().between(0, 7_200).map(Duration::ofSeconds)));
        Arbitrary<Duration> gateTimeout = Arbitraries.longs().between(10, 3_600).map(Duration::ofSeconds);
        return Combinators.combine(health, schedule, Arbitraries.of(true, false), Arbitraries.of(true, false), gateTimeout, upToTwoHours,
                        upToTwoHours)
                .as((h, traffic, testListener, manualGate, gate, finalBake, wait) -> {
                    try {
                        return new Strategy.BlueGreen(h, new ColorService("shop-blue", BLUE_TG), new ColorService("shop-green", GREEN_TG),
                                LISTENER, testListener ? Optional.of(TEST_LISTENER) : Optional.empty(), traffic, List.of(), manualGate,
                                gate, finalBake, wait);
                    } catch (InvalidInputException tooLong) {
                        return null;
                    }
                })
                .filter(java.util.Objects::nonNull);
    }

    private Arbitrary<TrafficSchedule> explicit() {
        return dev.berth.domain.traffic.TrafficArbitraries.explicit(1_800, 12);
    }


    private static Duration productionBakes(List<Step> plan) {
        return plan.stream().map(Step::check).filter(Check.TrafficHolds.class::isInstance).map(Check.TrafficHolds.class::cast)
                .filter(c -> c.listener() == Listener.PRODUCTION).map(Check.TrafficHolds::bake).reduce(Duration.ZERO, Duration::plus);
    }

    /** The longest each step can take before its verdict: deadlines, bakes, gate timeouts and waits. */
    private static Duration worstCase(List<Step> plan) {
        return plan.stream().map(Step::check).map(check -> switch (check) {
            case Check.RevisionHealthy h -> h.deadline();
            case Check.TrafficHolds t -> t.bake();
            case Check.Gate g -> g.timeout();
            case Check.Elapsed e -> e.interval();
            case Check.ScaledDown s -> s.deadline();
        }).reduce(Duration.ZERO, Duration::plus);
    }

    @Test
    void theWorstCaseOfAPlanIsWhatTheStrategyLimits() {
        // The documented sum: health deadline twice, the bakes, a gate timeout per pause, the final bake and the wait.
        Strategy.BlueGreen strategy = strategy(new TrafficSchedule.Canary(10, Duration.ofMinutes(5)), true, true, Duration.ofMinutes(10));

        assertThat(worstCase(Plans.forward(strategy)))
                .isEqualTo(DEADLINE.multipliedBy(2).plus(Duration.ofMinutes(5)).plus(GATE).plus(Duration.ofMinutes(10)).plus(WAIT));
    }
}
