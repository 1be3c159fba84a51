package dev.berth.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.target.Strategy.BlueGreen.ColorService;
import dev.berth.domain.target.Target;
import dev.berth.domain.traffic.TrafficSchedule;
import dev.berth.domain.traffic.TrafficStep.ManualPause;
import dev.berth.domain.traffic.TrafficStep.Shift;
import dev.berth.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A blue-green target as a person writes it, read into the domain with its defaults, and written back. */
class TargetDocumentBlueGreenTest {

    private static final String BLUE_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067";
    private static final String GREEN_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/83e2d6bc24d8a068";
    private static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
    private static final String TEST_LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/a2f7dc8efc522ab3";
    private static final ColorService BLUE = new ColorService("shop-blue", BLUE_TG);
    private static final ColorService GREEN = new ColorService("shop-green", GREEN_TG);
    /** The rolling defaults a blue-green target's new color meets when it says nothing: 10m, every 15s, 2 looks, 1m settle. */
    private static final Strategy.Rolling DEFAULT_HEALTH = new Strategy.Rolling(Duration.ofMinutes(10), Duration.ofSeconds(15), 2,
            Duration.ofSeconds(60));

    private static final String COLORS = """
            "blue": {"service": "shop-blue", "targetGroupArn": "%s"},
            "green": {"service": "shop-green", "targetGroupArn": "%s"},
            "listenerArn": "%s\"""".formatted(BLUE_TG, GREEN_TG, LISTENER);

    /** A whole target whose strategy is {@code strategyFields} inside {@code {"name": "blue-green", ...}}. */
    private static String target(String strategyFields) {
        return """
                {"repository": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web",
                 "tagPolicy": {"kind": "semver", "expression": ">=1.0.0"},
                 "cluster": "demo", "service": "shop", "containers": ["web"],
                 "strategy": {"name": "blue-green", %s},
                 "concurrencyPolicy": "queue"}""".formatted(strategyFields);
    }

    private static Target read(String json) throws Exception {
        return Json.mapper().readValue(json, TargetDocument.class).toTarget();
    }

    @Test
    void aWrittenBlueGreenTargetBecomesADomainTarget() throws Exception {
        Target target = read(target(COLORS + """
                , "testListenerArn": "%s",
                "traffic": {"kind": "canary", "weight": 10, "bakeSeconds": 300},
                "alarms": ["shop-5xx", "shop-latency"], "manualGate": true, "manualGateTimeoutSeconds": 1800,
                "finalBakeSeconds": 600, "terminationWaitSeconds": 900""".formatted(TEST_LISTENER)));

        assertThat(target.key()).isEqualTo("demo/shop");
        assertThat(target.containers()).containsExactly("web");
        assertThat(target.concurrencyPolicy()).isEqualTo(ConcurrencyPolicy.QUEUE);
        assertThat(target.strategy()).isEqualTo(new Strategy.BlueGreen(DEFAULT_HEALTH, BLUE, GREEN, LISTENER, Optional.of(TEST_LISTENER),
                new TrafficSchedule.Canary(10, Duration.ofMinutes(5)), List.of("shop-5xx", "shop-latency"), true, Duration.ofMinutes(30),
                Duration.ofMinutes(10), Duration.ofMinutes(15)));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"name\": \"rolling\", ", ""})
    void blueGreenSettingsOnARollingStrategyAreAnErrorNotIgnored(String name) {
        String json = target(COLORS + ", \"traffic\": {\"kind\": \"all-at-once\"}").replace("\"name\": \"blue-green\", ", name);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(json))
                .isInstanceOf(dev.berth.domain.InvalidInputException.class)
                .hasMessage("strategy 'rolling' does not use 'blue', 'green', 'listenerArn', 'traffic': those are blue-green settings"
                        + " (set \"name\": \"blue-green\")");
    }

    @Test
    void theLeastABlueGreenTargetSaysTakesEveryDefault() throws Exception {
        Target target = read(target(COLORS + ", \"traffic\": {\"kind\": \"all-at-once\"}"));

        assertThat(target.strategy()).isEqualTo(new Strategy.BlueGreen(DEFAULT_HEALTH, BLUE, GREEN, LISTENER, Optional.empty(),
                new TrafficSchedule.AllAtOnce(), List.of(), false, Duration.ofHours(1), Duration.ZERO, Duration.ofMinutes(5)));
    }

    @Test
    void theHealthSettingsAreTheRollingOnes() throws Exception {
        Target target = read(target("""
                "healthDeadlineSeconds": 300, "pollIntervalSeconds": 5, "failureThreshold": 4, "settleSeconds": 20,
                """ + COLORS + ", \"traffic\": {\"kind\": \"all-at-once\"}"));

        assertThat(((Strategy.BlueGreen) target.strategy()).health())
                .isEqualTo(new Strategy.Rolling(Duration.ofMinutes(5), Duration.ofSeconds(5), 4, Duration.ofSeconds(20)));
    }

    @Test
    void aShortDeadlineSettlesInHalfOfIt() throws Exception {
        Target target = read(target("\"healthDeadlineSeconds\": 60, \"pollIntervalSeconds\": 5, " + COLORS
                + ", \"traffic\": {\"kind\": \"all-at-once\"}"));

        assertThat(((Strategy.BlueGreen) target.strategy()).health().settlePeriod()).isEqualTo(Duration.ofSeconds(30));
    }

    static Stream<Arguments> traffic() {
        return Stream.of(
                arguments("{\"kind\": \"all-at-once\"}", new TrafficSchedule.AllAtOnce()),
                arguments("{\"kind\": \"canary\", \"weight\": 25, \"bakeSeconds\": 60}", new TrafficSchedule.Canary(25, Duration.ofMinutes(1))),
                arguments("{\"kind\": \"linear\", \"stepWeight\": 20, \"intervalSeconds\": 120}", new TrafficSchedule.Linear(20, Duration.ofMinutes(2))),
                arguments("{\"kind\": \"Linear \", \"stepWeight\": 20, \"intervalSeconds\": 120}", new TrafficSchedule.Linear(20, Duration.ofMinutes(2))),
                arguments("""
                        {"kind": "steps", "steps": [{"weight": 5, "bakeSeconds": 30}, {"pause": "manual"}, {"weight": 50},
                                                    {"weight": 100, "bakeSeconds": 0}]}""",
                        new TrafficSchedule.Steps(List.of(new Shift(5, Duration.ofSeconds(30)), new ManualPause(), new Shift(50, Duration.ZERO),
                                new Shift(100, Duration.ZERO)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traffic")
    void everyTrafficKindAsWritten(String traffic, TrafficSchedule expected) throws Exception {
        Target target = read(target(COLORS + ", \"traffic\": " + traffic));

        assertThat(((Strategy.BlueGreen) target.strategy()).traffic()).isEqualTo(expected);
        assertThat(TargetDocument.of(target).toTarget()).isEqualTo(target);
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                arguments("the least", COLORS + ", \"traffic\": {\"kind\": \"all-at-once\"}"),
                arguments("everything", """
                        "healthDeadlineSeconds": 300, "pollIntervalSeconds": 5, "failureThreshold": 4, "settleSeconds": 20, %s,
                        "testListenerArn": "%s", "traffic": {"kind": "steps", "steps": [{"weight": 5, "bakeSeconds": 30}, {"pause": "manual"}]},
                        "alarms": ["shop-5xx"], "manualGate": true, "manualGateTimeoutSeconds": 600, "finalBakeSeconds": 60,
                        "terminationWaitSeconds": 0""".formatted(COLORS, TEST_LISTENER)),
                arguments("a canary behind a gate", COLORS + ", \"traffic\": {\"kind\": \"canary\", \"weight\": 1, \"bakeSeconds\": 1}, "
                        + "\"manualGate\": true"),
                arguments("linear, alarms", COLORS + ", \"traffic\": {\"kind\": \"linear\", \"stepWeight\": 33, \"intervalSeconds\": 60}, "
                        + "\"alarms\": [\"a\", \"b\", \"c\"]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aBlueGreenTargetWrittenBackReadsTheSame(String description, String strategyFields) throws Exception {
        Target target = read(target(strategyFields));
        TargetDocument written = TargetDocument.of(target);

        assertThat(written.toTarget()).isEqualTo(target);
        assertThat(written.strategy().name()).isEqualTo("blue-green");
        // As JSON too (the catalog and the API hand documents out), and writing it again changes nothing.
        TargetDocument reread = Json.mapper().readValue(Json.write(written), TargetDocument.class);
        assertThat(reread).isEqualTo(written);
        assertThat(reread.toTarget()).isEqualTo(target);
        assertThat(TargetDocument.of(reread.toTarget())).isEqualTo(written);
    }

    @Test
    void aDocumentWrittenBackSpellsOutTheDefaults() throws Exception {
        TargetDocument.StrategyDocument strategy = TargetDocument.of(read(target(COLORS + ", \"traffic\": {\"kind\": \"all-at-once\"}"))).strategy();

        assertThat(strategy).isEqualTo(new TargetDocument.StrategyDocument("blue-green", 600L, 15L, 2, 60L,
                new dev.berth.workflow.BlueGreenSettings.ColorDocument("shop-blue", BLUE_TG),
                new dev.berth.workflow.BlueGreenSettings.ColorDocument("shop-green", GREEN_TG), LISTENER, null,
                new dev.berth.workflow.BlueGreenSettings.TrafficDocument("all-at-once", null, null, null, null, null), List.of(), false,
                3600L, 0L, 300L));
    }

    static Stream<Arguments> badTargets() {
        String allAtOnce = ", \"traffic\": {\"kind\": \"all-at-once\"}";
        String green = "\"green\": {\"service\": \"shop-green\", \"targetGroupArn\": \"" + GREEN_TG + "\"}, \"listenerArn\": \"" + LISTENER + "\"";
        return Stream.of(
                arguments("no traffic", COLORS, "blue-green strategy needs 'traffic' ({\"kind\": \"all-at-once|canary|linear|steps\", ...})"),
                arguments("traffic without a kind", COLORS + ", \"traffic\": {\"weight\": 10}",
                        "traffic needs a 'kind': Berth knows all-at-once, canary, linear, steps"),
                arguments("an unknown traffic kind", COLORS + ", \"traffic\": {\"kind\": \"rainbow\"}",
                        "unknown traffic kind 'rainbow': Berth knows all-at-once, canary, linear, steps"),
                arguments("a canary without a bake", COLORS + ", \"traffic\": {\"kind\": \"canary\", \"weight\": 10}",
                        "canary needs 'bakeSeconds' (1-86400, how long the canary is watched before all traffic follows)"),
                arguments("a canary with linear's field", COLORS + ", \"traffic\": {\"kind\": \"canary\", \"weight\": 10, \"bakeSeconds\": 60, "
                        + "\"stepWeight\": 10}", "canary does not use 'stepWeight': it takes 'weight' and 'bakeSeconds'"),
                arguments("all at once with a weight", COLORS + ", \"traffic\": {\"kind\": \"all-at-once\", \"weight\": 10}",
                        "all-at-once does not use 'weight': it takes no settings"),
                arguments("a pause with a weight", COLORS + ", \"traffic\": {\"kind\": \"steps\", \"steps\": [{\"weight\": 10}, "
                        + "{\"pause\": \"manual\", \"weight\": 20}]}", "traffic step 2: a pause is {\"pause\": \"manual\"} and nothing else"),
                arguments("a step with neither", COLORS + ", \"traffic\": {\"kind\": \"steps\", \"steps\": [{\"bakeSeconds\": 10}]}",
                        "traffic step 1 needs a 'weight' (0-100) or {\"pause\": \"manual\"}"),
                arguments("no blue", green + allAtOnce, "blue-green strategy needs 'blue' ({\"service\": ..., \"targetGroupArn\": ...})"),
                arguments("blue without its fields", "\"blue\": {}, " + green + allAtOnce,
                        "blue.service 'null' must be 1-255 letters, digits, '-' or '_'"),
                arguments("a bad blue service", "\"blue\": {\"service\": \"shop blue\", \"targetGroupArn\": \"" + BLUE_TG + "\"}, " + green + allAtOnce,
                        "blue.service 'shop blue' must be 1-255 letters, digits, '-' or '_'"),
                arguments("a bad blue target group", "\"blue\": {\"service\": \"shop-blue\", \"targetGroupArn\": \"shop-blue-tg\"}, " + green
                        + allAtOnce, "blue.targetGroupArn 'shop-blue-tg' must be a target group ARN"
                        + " (arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>)"),
                arguments("no green", "\"blue\": {\"service\": \"shop-blue\", \"targetGroupArn\": \"" + BLUE_TG + "\"}, \"listenerArn\": \""
                        + LISTENER + "\"" + allAtOnce, "blue-green strategy needs 'green' ({\"service\": ..., \"targetGroupArn\": ...})"),
                arguments("no listener", "\"blue\": {\"service\": \"shop-blue\", \"targetGroupArn\": \"" + BLUE_TG + "\"}, "
                        + "\"green\": {\"service\": \"shop-green\", \"targetGroupArn\": \"" + GREEN_TG + "\"}" + allAtOnce,
                        "listenerArn 'null' must be an ALB listener or listener rule ARN"
                                + " (arn:aws:elasticloadbalancing:<region>:<account>:listener/app/... or listener-rule/app/...)"),
                arguments("the test listener is production", COLORS + ", \"testListenerArn\": \"" + LISTENER + "\"" + allAtOnce,
                        "the test listener must not be the production listener " + LISTENER),
                arguments("a gate timeout in minutes by mistake", COLORS + allAtOnce + ", \"manualGate\": true, \"manualGateTimeoutSeconds\": 5",
                        "manual gate timeout 5s must be between 10s and 12h"),
                arguments("a negative final bake", COLORS + allAtOnce + ", \"finalBakeSeconds\": -1", "final bake -1s must be between 0s and 6h"),
                arguments("a termination wait of a day", COLORS + allAtOnce + ", \"terminationWaitSeconds\": 86400",
                        "termination wait 1d must be between 0s and 6h"),
                arguments("an alarm twice", COLORS + allAtOnce + ", \"alarms\": [\"a\", \"a\"]", "alarm 'a' is listed twice"),
                arguments("bad health settings", "\"healthDeadlineSeconds\": 10, " + COLORS + allAtOnce,
                        "health deadline 10s must be between 30s and 6h"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTargets")
    void badBlueGreenTargetsAreRejectedWithTheFieldNamed(String description, String strategyFields, String message) {
        assertThatThrownBy(() -> read(target(strategyFields))).isInstanceOf(InvalidInputException.class).hasMessage(message);
    }

    @Test
    void anUnknownStrategyNameListsBoth() {
        assertThatThrownBy(() -> read(target(COLORS).replace("\"blue-green\"", "\"bluegreen\"")))
                .isInstanceOf(InvalidInputException.class).hasMessage("unknown strategy 'bluegreen': Berth knows 'rolling' and 'blue-green'");
    }

    /** Same root cause as BlueGreenStrategyTest#aNullAlarmNameIsRejectedAsInvalidInput, as a person meets it. */
    @Test
    void aNullAlarmInTheDocumentIsNamedNotACrash() {
        assertThatThrownBy(() -> read(target(COLORS + ", \"traffic\": {\"kind\": \"all-at-once\"}, \"alarms\": [\"shop-5xx\", null]")))
                .isInstanceOf(InvalidInputException.class).hasMessage("alarm name 'null' must be 1-255 characters");
    }
}
