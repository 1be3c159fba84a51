package dev.berth.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.target.Strategy.BlueGreen.ColorService;
import dev.berth.domain.traffic.TrafficSchedule;
import dev.berth.domain.traffic.TrafficStep;
import dev.berth.domain.traffic.TrafficStep.ManualPause;
import dev.berth.domain.traffic.TrafficStep.Shift;
import dev.berth.json.Json;
import dev.berth.workflow.BlueGreenSettings.ColorDocument;
import dev.berth.workflow.BlueGreenSettings.TrafficDocument;
import dev.berth.workflow.BlueGreenSettings.TrafficStepDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strategy as the state machine carries it ({@code $.strategy}) and the catalog stores it: written as JSON and read
 * back, a blue/green strategy is the same strategy; a rolling one is written as it was before blue/green existed.
 */
class BlueGreenSettingsTest {

    private static final String BLUE_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067";
    private static final String GREEN_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/83e2d6bc24d8a068";
    private static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
    private static final String TEST_LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/a2f7dc8efc522ab3";
    private static final String RULE = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
    private static final Strategy.Rolling HEALTH = new Strategy.Rolling(Duration.ofMinutes(10), Duration.ofSeconds(15), 3, Duration.ofSeconds(45));
    private static final ColorDocument BLUE = new ColorDocument("shop-blue", BLUE_TG);
    private static final ColorDocument GREEN = new ColorDocument("shop-green", GREEN_TG);

    private static Strategy.BlueGreen strategy(TrafficSchedule traffic, Optional<String> testListener, List<String> alarms, boolean manualGate) {
        return new Strategy.BlueGreen(HEALTH, new ColorService("shop-blue", BLUE_TG), new ColorService("shop-green", GREEN_TG), LISTENER,
                testListener, traffic, alarms, manualGate, Duration.ofMinutes(20), Duration.ofMinutes(10), Duration.ofMinutes(15));
    }

    private static StrategySettings throughJson(StrategySettings settings) {
        return Json.read(Json.write(settings), StrategySettings.class);
    }

    static Stream<Arguments> schedules() {
        return Stream.of(
                arguments("all-at-once", new TrafficSchedule.AllAtOnce()),
                arguments("canary", new TrafficSchedule.Canary(10, Duration.ofMinutes(5))),
                arguments("linear", new TrafficSchedule.Linear(33, Duration.ofMinutes(1))),
                arguments("steps with a pause", new TrafficSchedule.Steps(List.of(new Shift(5, Duration.ofSeconds(30)), new ManualPause(),
                        new Shift(50, Duration.ZERO), new Shift(100, Duration.ofMinutes(2))))),
                arguments("steps of one pause", new TrafficSchedule.Steps(List.of(new ManualPause()))),
                arguments("steps starting at 0%", new TrafficSchedule.Steps(List.of(new Shift(0, Duration.ofSeconds(10)), new Shift(100, Duration.ZERO)))));
    }

    static Stream<Arguments> strategies() {
        return schedules().flatMap(schedule -> Stream.of(
                arguments(schedule.get()[0] + ", no test listener, no alarms", schedule.get()[1], Optional.empty(), List.of(), false),
                arguments(schedule.get()[0] + ", a test listener and alarms", schedule.get()[1], Optional.of(TEST_LISTENER),
                        List.of("shop-5xx", "shop-latency"), false),
                arguments(schedule.get()[0] + ", a rule for a test listener, an alarm and a gate", schedule.get()[1], Optional.of(RULE),
                        List.of("shop-5xx"), true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void aBlueGreenStrategyCrossesJsonUnchanged(String description, TrafficSchedule traffic, Optional<String> testListener, List<String> alarms,
                                                boolean manualGate) {
        Strategy.BlueGreen strategy = strategy(traffic, testListener, alarms, manualGate);

        StrategySettings read = throughJson(StrategySettings.of(strategy, ConcurrencyPolicy.QUEUE));

        assertThat(read.strategy()).isEqualTo(strategy);
        assertThat(read.policy()).isEqualTo(ConcurrencyPolicy.QUEUE);
        assertThat(read).isEqualTo(StrategySettings.of(strategy, ConcurrencyPolicy.QUEUE));
        assertThat(read.name()).isEqualTo("blue-green");
    }

    @ParameterizedTest
    @EnumSource(ConcurrencyPolicy.class)
    void thePolicyTravelsWithTheStrategy(ConcurrencyPolicy policy) {
        Strategy.BlueGreen strategy = strategy(new TrafficSchedule.AllAtOnce(), Optional.empty(), List.of(), false);

        assertThat(throughJson(StrategySettings.of(strategy, policy)).policy()).isEqualTo(policy);
    }

    @Test
    void theWireShapeIsTheDocumentsShape() {
        Strategy.BlueGreen strategy = new Strategy.BlueGreen(new Strategy.Rolling(Duration.ofMinutes(10), Duration.ofSeconds(15)),
                new ColorService("shop-blue", BLUE_TG), new ColorService("shop-green", GREEN_TG), LISTENER, Optional.empty(),
                new TrafficSchedule.Steps(List.of(new Shift(10, Duration.ofSeconds(60)), new ManualPause())), List.of("shop-5xx"), true,
                null, null, null);

        assertThat(Json.write(StrategySettings.of(strategy, ConcurrencyPolicy.QUEUE))).isEqualTo("""
                {"name":"blue-green","healthDeadlineSeconds":600,"pollIntervalSeconds":15,"failureThreshold":2,"concurrencyPolicy":"queue",\
                "settleSeconds":60,"blueGreen":{"blue":{"service":"shop-blue","targetGroupArn":"%s"},\
                "green":{"service":"shop-green","targetGroupArn":"%s"},"listenerArn":"%s",\
                "traffic":{"kind":"steps","steps":[{"weight":10,"bakeSeconds":60},{"pause":"manual"}]},"alarms":["shop-5xx"],\
                "manualGate":true,"manualGateTimeoutSeconds":3600,"finalBakeSeconds":0,"terminationWaitSeconds":300}}"""
                .formatted(BLUE_TG, GREEN_TG, LISTENER));
    }

    @Test
    void rollingSettingsAreWrittenAsBeforeWithNoBlueGreen() {
        StrategySettings settings = StrategySettings.of(HEALTH, ConcurrencyPolicy.SUPERSEDE);
        String json = Json.write(settings);

        assertThat(settings.blueGreen()).isNull();
        assertThat(json).isEqualTo("{\"name\":\"rolling\",\"healthDeadlineSeconds\":600,\"pollIntervalSeconds\":15,\"failureThreshold\":3,"
                + "\"concurrencyPolicy\":\"supersede\",\"settleSeconds\":45}");
        assertThat(Json.read(json, StrategySettings.class)).isEqualTo(settings);
        assertThat(Json.read(json, StrategySettings.class).strategy()).isEqualTo(HEALTH);
    }

    @Test
    void settingsWrittenBeforeBlueGreenAndTheSettlePeriodStillRead() {
        StrategySettings old = Json.read("""
                {"name":"rolling","healthDeadlineSeconds":600,"pollIntervalSeconds":15,"failureThreshold":2,"concurrencyPolicy":"queue"}""",
                StrategySettings.class);

        assertThat(old.strategy()).isEqualTo(new Strategy.Rolling(Duration.ofMinutes(10), Duration.ofSeconds(15), 2, Duration.ofSeconds(60)));
        assertThat(old.policy()).isEqualTo(ConcurrencyPolicy.QUEUE);
        assertThat(old.blueGreen()).isNull();
    }

    @Test
    void aRollingNameIgnoresBlueGreenSettingsItCarries() {
        Strategy.BlueGreen blueGreen = strategy(new TrafficSchedule.AllAtOnce(), Optional.empty(), List.of(), false);
        StrategySettings settings = new StrategySettings("rolling", 600, 15, 3, "supersede", 45L, BlueGreenSettings.of(blueGreen));

        assertThat(throughJson(settings).strategy()).isEqualTo(HEALTH);
    }

    @Test
    void aBlueGreenNameWithoutItsSettingsIsInvalidInput() {
        String json = "{\"name\":\"blue-green\",\"healthDeadlineSeconds\":600,\"pollIntervalSeconds\":15,\"failureThreshold\":2,"
                + "\"concurrencyPolicy\":\"supersede\",\"settleSeconds\":60}";

        assertThatThrownBy(() -> Json.read(json, StrategySettings.class).strategy())
                .isInstanceOf(InvalidInputException.class).hasMessage("blue-green strategy settings are missing");
        assertThatThrownBy(() -> new StrategySettings("blue-green", 600, 15, 2, "supersede", 60L).strategy())
                .isInstanceOf(InvalidInputException.class).hasMessage("blue-green strategy settings are missing");
    }

    @Test
    void anUnknownStrategyNameIsInvalidInput() {
        assertThatThrownBy(() -> new StrategySettings("canary", 600, 15, 2, "supersede", 60L).strategy())
                .isInstanceOf(InvalidInputException.class).hasMessage("unknown strategy 'canary': Berth knows 'rolling' and 'blue-green'");
        assertThatThrownBy(() -> new StrategySettings(null, 600, 15, 2, "supersede", 60L).strategy())
                .isInstanceOf(InvalidInputException.class).hasMessage("unknown strategy 'null': Berth knows 'rolling' and 'blue-green'");
    }

    @Test
    void settingsThatCrossedABoundaryAreValidatedAgain() {
        Strategy.BlueGreen strategy = strategy(new TrafficSchedule.AllAtOnce(), Optional.empty(), List.of(), false);
        BlueGreenSettings good = BlueGreenSettings.of(strategy);
        BlueGreenSettings sameColors = new BlueGreenSettings(good.blue(), good.blue(), good.listenerArn(), null, good.traffic(), null, null,
                null, null, null);

        assertThatThrownBy(() -> new StrategySettings("blue-green", 600, 15, 3, "supersede", 45L, sameColors).strategy())
                .isInstanceOf(InvalidInputException.class).hasMessage("blue and green must be two services, not both 'shop-blue'");
    }

    // ---- Blue/green's own settings, as a document ----

    private static BlueGreenSettings withTraffic(TrafficDocument traffic) {
        return new BlueGreenSettings(BLUE, GREEN, LISTENER, null, traffic, null, null, null, null, null);
    }

    private static TrafficDocument steps(TrafficStepDocument... steps) {
        return new TrafficDocument("steps", null, null, null, null, Arrays.asList(steps));
    }

    @Test
    void unsetSettingsTakeTheStrategysDefaults() {
        Strategy.BlueGreen strategy = withTraffic(new TrafficDocument("all-at-once", null, null, null, null, null)).toStrategy(HEALTH);

        assertThat(strategy).isEqualTo(new Strategy.BlueGreen(HEALTH, new ColorService("shop-blue", BLUE_TG),
                new ColorService("shop-green", GREEN_TG), LISTENER, Optional.empty(), new TrafficSchedule.AllAtOnce(), List.of(), false,
                Duration.ofHours(1), Duration.ZERO, Duration.ofMinutes(5)));
    }

    @Test
    void everySettingIsCarriedIntoTheStrategy() {
        Strategy.BlueGreen strategy = new BlueGreenSettings(BLUE, GREEN, RULE, TEST_LISTENER,
                new TrafficDocument("canary", 20, 300L, null, null, null), List.of("shop-5xx"), true, 900L, 600L, 60L).toStrategy(HEALTH);

        assertThat(strategy).isEqualTo(new Strategy.BlueGreen(HEALTH, new ColorService("shop-blue", BLUE_TG),
                new ColorService("shop-green", GREEN_TG), RULE, Optional.of(TEST_LISTENER), new TrafficSchedule.Canary(20, Duration.ofMinutes(5)),
                List.of("shop-5xx"), true, Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofMinutes(1)));
    }

    static Stream<Arguments> trafficSteps() {
        return Stream.of(
                arguments("a shift and a pause", steps(new TrafficStepDocument(25, 300L, null), new TrafficStepDocument(null, null, "manual")),
                        List.of(new Shift(25, Duration.ofMinutes(5)), new ManualPause())),
                arguments("a shift without a bake moves on at once", steps(new TrafficStepDocument(25, null, null)),
                        List.of(new Shift(25, Duration.ZERO))),
                arguments("a shift to all traffic", steps(new TrafficStepDocument(10, 60L, null), new TrafficStepDocument(100, 0L, null)),
                        List.of(new Shift(10, Duration.ofMinutes(1)), new Shift(100, Duration.ZERO))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trafficSteps")
    void trafficStepDocumentsAreShiftsAndPauses(String description, TrafficDocument traffic, List<TrafficStep> expected) {
        assertThat(withTraffic(traffic).toStrategy(HEALTH).traffic()).isEqualTo(new TrafficSchedule.Steps(expected));
    }

    static Stream<Arguments> badTraffic() {
        TrafficStepDocument shift = new TrafficStepDocument(10, 60L, null);
        String pauseShape = ": a pause is {\"pause\": \"manual\"} and nothing else";
        return Stream.of(
                arguments("no traffic at all", null,
                        "blue-green strategy needs 'traffic' ({\"kind\": \"all-at-once|canary|linear|steps\", ...})"),
                arguments("a pause with a weight", steps(shift, new TrafficStepDocument(50, null, "manual")), "traffic step 2" + pauseShape),
                arguments("a pause with a bake", steps(new TrafficStepDocument(null, 60L, "manual")), "traffic step 1" + pauseShape),
                arguments("a pause with both", steps(shift, shift, new TrafficStepDocument(50, 60L, "manual")), "traffic step 3" + pauseShape),
                arguments("a pause that is not manual", steps(new TrafficStepDocument(null, null, "auto")), "traffic step 1" + pauseShape),
                arguments("a pause in capitals", steps(shift, new TrafficStepDocument(null, null, "MANUAL")), "traffic step 2" + pauseShape),
                arguments("neither weight nor pause", steps(shift, shift, new TrafficStepDocument(null, null, null)),
                        "traffic step 3 needs a 'weight' (0-100) or {\"pause\": \"manual\"}"),
                arguments("only a bake", steps(new TrafficStepDocument(null, 60L, null)),
                        "traffic step 1 needs a 'weight' (0-100) or {\"pause\": \"manual\"}"),
                arguments("an empty step", steps(shift, null), "traffic step 2 is empty"),
                arguments("a weight over 100", steps(new TrafficStepDocument(101, 0L, null)), "a shift's weight 101% must be between 0% and 100%"),
                arguments("a negative bake", steps(new TrafficStepDocument(10, -5L, null)), "a shift to 10% bakes -5s: a bake cannot be negative"),
                arguments("no steps", steps(), "'steps' lists no steps: it needs 1 to 50 shifts and manual pauses"),
                arguments("steps without a list", new TrafficDocument("steps", null, null, null, null, null),
                        "steps needs 'steps' (1-50 shifts and manual pauses, in order)"),
                arguments("a canary with steps", new TrafficDocument("canary", 10, 60L, null, null, List.of(shift)),
                        "canary does not use 'steps': it takes 'weight' and 'bakeSeconds'"),
                arguments("an unknown kind", new TrafficDocument("blue-green", null, null, null, null, null),
                        "unknown traffic kind 'blue-green': Berth knows all-at-once, canary, linear, steps"),
                arguments("no kind", new TrafficDocument(null, null, null, null, null, null),
                        "traffic needs a 'kind': Berth knows all-at-once, canary, linear, steps"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTraffic")
    void badTrafficIsNamed(String description, TrafficDocument traffic, String message) {
        assertThatThrownBy(() -> withTraffic(traffic).toStrategy(HEALTH)).isInstanceOf(InvalidInputException.class).hasMessage(message);
    }

    @Test
    void aMissingColorIsNamed() {
        assertThatThrownBy(() -> new BlueGreenSettings(BLUE, null, LISTENER, null, new TrafficDocument("all-at-once", null, null, null, null, null),
                null, null, null, null, null).toStrategy(HEALTH))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("blue-green strategy needs 'green' ({\"service\": ..., \"targetGroupArn\": ...})");
    }

    // ---- Any strategy ----

    @Property(tries = 500)
    void anyBlueGreenStrategyCrossesJsonUnchanged(@ForAll("anyStrategy") Strategy.BlueGreen strategy) {
        StrategySettings settings = StrategySettings.of(strategy, ConcurrencyPolicy.SUPERSEDE);

        assertThat(throughJson(settings).strategy()).isEqualTo(strategy);
        assertThat(BlueGreenSettings.of(strategy).toStrategy(strategy.health())).isEqualTo(strategy);
    }

    @Provide
    Arbitrary<Strategy.BlueGreen> anyStrategy() {
        Arbitrary<Duration> bake = Arbitraries.longs().between(1, 1_800).map(Duration::ofSeconds);
        Arbitrary<TrafficSchedule> schedule = Arbitraries.oneOf(
                Arbitraries.just(new TrafficSchedule.AllAtOnce()),
                Combinators.combine(Arbitraries.integers().between(1, 99), bake).as(TrafficSchedule.Canary::new),
                Combinators.combine(Arbitraries.integers().between(5, 99), bake).as(TrafficSchedule.Linear::new),
                explicit());
        Arbitrary<Optional<String>> testListener = Arbitraries.of(Optional.empty(), Optional.of(TEST_LISTENER), Optional.of(RULE));
        Arbitrary<List<String>> alarms = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20).set().ofMaxSize(10)
                .map(ArrayList::new);
        Arbitrary<Duration> upToTwoHours = Arbitraries.longs().between(0, 7_200).map(Duration::ofSeconds);
        return Combinators.combine(schedule, testListener, alarms, Arbitraries.of(true, false),
                        Arbitraries.longs().between(10, 3_600).map(Duration::ofSeconds), upToTwoHours, upToTwoHours)
                .as((traffic, test, names, gate, timeout, finalBake, wait) -> new Strategy.BlueGreen(HEALTH,
                        new ColorService("shop-blue", BLUE_TG), new ColorService("shop-green", GREEN_TG), LISTENER, test, traffic, names, gate,
                        timeout, finalBake, wait));
    }

    private Arbitrary<TrafficSchedule> explicit() {
        return dev.berth.domain.traffic.TrafficArbitraries.explicit(600, 8);
    }

}
