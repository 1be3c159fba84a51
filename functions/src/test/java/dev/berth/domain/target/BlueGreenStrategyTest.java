package dev.berth.domain.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.target.Strategy.BlueGreen;
import dev.berth.domain.target.Strategy.BlueGreen.ColorService;
import dev.berth.domain.traffic.Color;
import dev.berth.domain.traffic.TrafficSchedule;
import dev.berth.domain.traffic.TrafficStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Strategy.BlueGreen}'s validation, every message as a person reads it, and its defaults. */
class BlueGreenStrategyTest {

    static final String BLUE_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067";
    static final String GREEN_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/83e2d6bc24d8a068";
    static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
    static final String TEST_LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/a2f7dc8efc522ab3";
    static final String RULE = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
    static final Strategy.Rolling HEALTH = new Strategy.Rolling(Duration.ofMinutes(10), Duration.ofSeconds(15), 2, Duration.ofSeconds(60));
    static final ColorService BLUE = new ColorService("shop-blue", BLUE_TG);
    static final ColorService GREEN = new ColorService("shop-green", GREEN_TG);

    private static final String LISTENER_FORMAT = " must be an ALB listener or listener rule ARN"
            + " (arn:aws:elasticloadbalancing:<region>:<account>:listener/app/... or listener-rule/app/...)";
    private static final String TARGET_GROUP_FORMAT = " must be a target group ARN"
            + " (arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>)";

    /** A valid strategy's fields, changed one at a time by the tables. */
    record Fields(Strategy.Rolling health, ColorService blue, ColorService green, String listenerArn, Optional<String> testListenerArn,
                  TrafficSchedule traffic, List<String> alarms, boolean manualGate, Duration gateTimeout, Duration finalBake,
                  Duration terminationWait) {

        static Fields valid() {
            return new Fields(HEALTH, BLUE, GREEN, LISTENER, Optional.of(TEST_LISTENER), new TrafficSchedule.Canary(10, Duration.ofMinutes(5)),
                    List.of("shop-5xx", "shop-latency"), true, Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(15));
        }

        BlueGreen build() {
            return new BlueGreen(health, blue, green, listenerArn, testListenerArn, traffic, alarms, manualGate, gateTimeout, finalBake,
                    terminationWait);
        }

        Fields health(Strategy.Rolling v) { return new Fields(v, blue, green, listenerArn, testListenerArn, traffic, alarms, manualGate, gateTimeout, finalBake, terminationWait); }
        Fields blue(ColorService v) { return new Fields(health, v, green, listenerArn, testListenerArn, traffic, alarms, manualGate, gateTimeout, finalBake, terminationWait); }
        Fields green(ColorService v) { return new Fields(health, blue, v, listenerArn, testListenerArn, traffic, alarms, manualGate, gateTimeout, finalBake, terminationWait); }
        Fields listener(String v) { return new Fields(health, blue, green, v, testListenerArn, traffic, alarms, manualGate, gateTimeout, finalBake, terminationWait); }
        Fields testListener(Optional<String> v) { return new Fields(health, blue, green, listenerArn, v, traffic, alarms, manualGate, gateTimeout, finalBake, terminationWait); }
        Fields traffic(TrafficSchedule v) { return new Fields(health, blue, green, listenerArn, testListenerArn, v, alarms, manualGate, gateTimeout, finalBake, terminationWait); }
        Fields alarms(List<String> v) { return new Fields(health, blue, green, listenerArn, testListenerArn, traffic, v, manualGate, gateTimeout, finalBake, terminationWait); }
        Fields manualGate(boolean v) { return new Fields(health, blue, green, listenerArn, testListenerArn, traffic, alarms, v, gateTimeout, finalBake, terminationWait); }
        Fields gateTimeout(Duration v) { return new Fields(health, blue, green, listenerArn, testListenerArn, traffic, alarms, manualGate, v, finalBake, terminationWait); }
        Fields finalBake(Duration v) { return new Fields(health, blue, green, listenerArn, testListenerArn, traffic, alarms, manualGate, gateTimeout, v, terminationWait); }
        Fields terminationWait(Duration v) { return new Fields(health, blue, green, listenerArn, testListenerArn, traffic, alarms, manualGate, gateTimeout, finalBake, v); }
    }

    private static Arguments change(String description, UnaryOperator<Fields> change, String message) {
        return arguments(description, change, message);
    }

    private static List<String> alarms(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "alarm-" + i).toList();
    }

    static Stream<Arguments> rejected() {
        String blank = " ";
        String tooLong = "a".repeat(256);
        return Stream.of(
                // What it needs at all.
                change("no health settings", f -> f.health(null), "blue-green strategy needs its health settings and a 'traffic' schedule"),
                change("no traffic schedule", f -> f.traffic(null), "blue-green strategy needs its health settings and a 'traffic' schedule"),
                change("no blue", f -> f.blue(null), "blue-green strategy needs 'blue' ({\"service\": ..., \"targetGroupArn\": ...})"),
                change("no green", f -> f.green(null), "blue-green strategy needs 'green' ({\"service\": ..., \"targetGroupArn\": ...})"),
                // Service names.
                change("blue service missing", f -> f.blue(new ColorService(null, BLUE_TG)),
                        "blue.service 'null' must be 1-255 letters, digits, '-' or '_'"),
                change("blue service empty", f -> f.blue(new ColorService("", BLUE_TG)),
                        "blue.service '' must be 1-255 letters, digits, '-' or '_'"),
                change("blue service with a space", f -> f.blue(new ColorService("shop blue", BLUE_TG)),
                        "blue.service 'shop blue' must be 1-255 letters, digits, '-' or '_'"),
                change("green service as an ARN", f -> f.green(new ColorService("arn:aws:ecs:us-east-1:123456789012:service/c/shop-green", GREEN_TG)),
                        "green.service 'arn:aws:ecs:us-east-1:123456789012:service/c/shop-green' must be 1-255 letters, digits, '-' or '_'"),
                change("green service of 256 characters", f -> f.green(new ColorService("s".repeat(256), GREEN_TG)),
                        "green.service '" + "s".repeat(256) + "' must be 1-255 letters, digits, '-' or '_'"),
                // Target groups.
                change("blue target group missing", f -> f.blue(new ColorService("shop-blue", null)),
                        "blue.targetGroupArn 'null'" + TARGET_GROUP_FORMAT),
                change("blue target group by name", f -> f.blue(new ColorService("shop-blue", "shop-blue")),
                        "blue.targetGroupArn 'shop-blue'" + TARGET_GROUP_FORMAT),
                change("green target group id not hex", f -> f.green(new ColorService("shop-green",
                                "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/83e2d6bc24d8a06z")),
                        "green.targetGroupArn 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/83e2d6bc24d8a06z'"
                                + TARGET_GROUP_FORMAT),
                change("green target group with a short account", f -> f.green(new ColorService("shop-green",
                                "arn:aws:elasticloadbalancing:us-east-1:12345678901:targetgroup/shop-green/83e2d6bc24d8a068")),
                        "green.targetGroupArn 'arn:aws:elasticloadbalancing:us-east-1:12345678901:targetgroup/shop-green/83e2d6bc24d8a068'"
                                + TARGET_GROUP_FORMAT),
                change("green target group name of 33 characters", f -> f.green(new ColorService("shop-green",
                                "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" + "g".repeat(33) + "/83e2d6bc24d8a068")),
                        "green.targetGroupArn 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" + "g".repeat(33)
                                + "/83e2d6bc24d8a068'" + TARGET_GROUP_FORMAT),
                change("green given a listener for a target group", f -> f.green(new ColorService("shop-green", LISTENER)),
                        "green.targetGroupArn '" + LISTENER + "'" + TARGET_GROUP_FORMAT),
                // Two colors, two of everything.
                change("the same service twice", f -> f.green(new ColorService("shop-blue", GREEN_TG)),
                        "blue and green must be two services, not both 'shop-blue'"),
                change("the same target group twice", f -> f.green(new ColorService("shop-green", BLUE_TG)),
                        "blue and green must have their own target groups, not both " + BLUE_TG),
                // Listeners.
                change("no listener", f -> f.listener(null), "listenerArn 'null'" + LISTENER_FORMAT),
                change("a listener by port", f -> f.listener("443"), "listenerArn '443'" + LISTENER_FORMAT),
                change("a network load balancer's listener", f -> f.listener(
                                "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/shop/50dc6c495c0c9188/f2f7dc8efc522ab2"),
                        "listenerArn 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/shop/50dc6c495c0c9188/f2f7dc8efc522ab2'"
                                + LISTENER_FORMAT),
                change("a load balancer for a listener", f -> f.listener(
                                "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188"),
                        "listenerArn 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188'"
                                + LISTENER_FORMAT),
                change("a target group for a listener", f -> f.listener(BLUE_TG), "listenerArn '" + BLUE_TG + "'" + LISTENER_FORMAT),
                change("a bad test listener", f -> f.testListener(Optional.of("test")), "testListenerArn 'test'" + LISTENER_FORMAT),
                change("the production listener as the test listener", f -> f.testListener(Optional.of(LISTENER)),
                        "the test listener must not be the production listener " + LISTENER),
                change("the production rule as the test listener", f -> f.listener(RULE).testListener(Optional.of(RULE)),
                        "the test listener must not be the production listener " + RULE),
                // Alarms.
                change("11 alarms", f -> f.alarms(alarms(11)), "11 alarms: at most 10 (combine more in a composite alarm)"),
                change("30 alarms", f -> f.alarms(alarms(30)), "30 alarms: at most 10 (combine more in a composite alarm)"),
                change("an empty alarm name", f -> f.alarms(List.of("shop-5xx", "")), "alarm name '' must be 1-255 characters"),
                change("a blank alarm name", f -> f.alarms(List.of(blank)), "alarm name ' ' must be 1-255 characters"),
                change("an alarm name of 256 characters", f -> f.alarms(List.of(tooLong)), "alarm name '" + tooLong + "' must be 1-255 characters"),
                change("an alarm twice", f -> f.alarms(List.of("shop-5xx", "shop-latency", "shop-5xx")), "alarm 'shop-5xx' is listed twice"),
                // Gate, bakes and waits.
                change("a gate timeout under 10s", f -> f.gateTimeout(Duration.ofSeconds(9)), "manual gate timeout 9s must be between 10s and 12h"),
                change("a zero gate timeout", f -> f.gateTimeout(Duration.ZERO), "manual gate timeout 0s must be between 10s and 12h"),
                change("a gate timeout over 12h", f -> f.gateTimeout(Duration.ofHours(12).plusSeconds(1)),
                        "manual gate timeout 12h1s must be between 10s and 12h"),
                change("a gate timeout off, and out of bounds all the same", f -> f.manualGate(false).gateTimeout(Duration.ofSeconds(5)),
                        "manual gate timeout 5s must be between 10s and 12h"),
                change("a negative final bake", f -> f.finalBake(Duration.ofSeconds(-1)), "final bake -1s must be between 0s and 6h"),
                change("a final bake over 6h", f -> f.finalBake(Duration.ofHours(6).plusSeconds(1)), "final bake 6h1s must be between 0s and 6h"),
                change("a negative termination wait", f -> f.terminationWait(Duration.ofMinutes(-5)),
                        "termination wait -5m must be between 0s and 6h"),
                change("a termination wait over 6h", f -> f.terminationWait(Duration.ofHours(6).plusMillis(1)),
                        "termination wait 6h1ms must be between 0s and 6h"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWithTheProblemNamed(String description, UnaryOperator<Fields> change, String message) {
        Fields fields = change.apply(Fields.valid());

        assertThatThrownBy(fields::build).isInstanceOf(InvalidInputException.class).hasMessage(message);
    }

    /**
     * A listener's ARN ends with the load balancer's id and the listener's; a rule's adds the rule's id. The pattern
     * makes the rule's id optional whatever the resource type, so a listener ARN with a rule id, and a rule ARN without
     * one, pass validation and only fail when ELB is first called.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2",
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee",
    })
    void aListenerArnWithTheOtherKindsShapeIsRejected(String arn) {
        assertThatThrownBy(() -> Fields.valid().listener(arn).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("listenerArn '" + arn + "'" + LISTENER_FORMAT);
        assertThatThrownBy(() -> Fields.valid().testListener(Optional.of(arn)).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("testListenerArn '" + arn + "'" + LISTENER_FORMAT);
    }

    /** JSON's {@code "alarms": ["shop-5xx", null]} is a person's mistake: it must be named, not crash with an NPE. */
    @Test
    void aNullAlarmNameIsRejectedAsInvalidInput() {
        assertThatThrownBy(() -> Fields.valid().alarms(Arrays.asList("shop-5xx", null)).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("alarm name 'null' must be 1-255 characters");
    }

    /**
     * Worst cases against the 20h limit: the health deadline twice (the new color starting, the old one scaling
     * down), every bake, the gate timeout per pause, the final bake and the termination wait.
     */
    static Stream<Arguments> totals() {
        Strategy.Rolling hour = new Strategy.Rolling(Duration.ofHours(1), Duration.ofSeconds(15));
        Strategy.Rolling sixHours = new Strategy.Rolling(Duration.ofHours(6), Duration.ofMinutes(5));
        TrafficSchedule allAtOnce = new TrafficSchedule.AllAtOnce();
        return Stream.of(
                arguments("2h health + 6h canary + 6h final bake + 6h wait", hour, new TrafficSchedule.Canary(50, Duration.ofHours(6)),
                        false, Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(6), Optional.empty()),
                arguments("one second more", hour, new TrafficSchedule.Canary(50, Duration.ofHours(6).plusSeconds(1)),
                        false, Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(6), Optional.of("20h1s")),
                arguments("2h health + 12h gate + 6h final bake", hour, allAtOnce, true, Duration.ofHours(12), Duration.ofHours(6),
                        Duration.ZERO, Optional.empty()),
                arguments("2h health + 12h gate + 6h final bake + 1s wait", hour, allAtOnce, true, Duration.ofHours(12), Duration.ofHours(6),
                        Duration.ofSeconds(1), Optional.of("20h1s")),
                arguments("the gate timeout counts only with a gate", hour, allAtOnce, false, Duration.ofHours(12), Duration.ofHours(6),
                        Duration.ofHours(6), Optional.empty()),
                arguments("12h health + 6h final bake + 6h wait", sixHours, allAtOnce, false, Duration.ofHours(1), Duration.ofHours(6),
                        Duration.ofHours(6), Optional.of("1d")),
                arguments("every pause of a list waits for the gate timeout", hour, new TrafficSchedule.Steps(List.of(
                                new TrafficStep.Shift(10, Duration.ZERO), new TrafficStep.ManualPause(),
                                new TrafficStep.Shift(20, Duration.ZERO), new TrafficStep.ManualPause())),
                        false, Duration.ofHours(9), Duration.ZERO, Duration.ofMinutes(5), Optional.of("20h5m")),
                arguments("linear 10% for 2h: nine bakes", hour, new TrafficSchedule.Linear(10, Duration.ofHours(2)),
                        false, Duration.ofHours(1), Duration.ZERO, Duration.ofMinutes(5), Optional.of("20h5m")),
                arguments("linear 10% for 1h: nine bakes", hour, new TrafficSchedule.Linear(10, Duration.ofHours(1)),
                        false, Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(3), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("totals")
    void theWholeDeploymentMustFitInAnExecution(String description, Strategy.Rolling health, TrafficSchedule traffic, boolean manualGate,
                                                Duration gateTimeout, Duration finalBake, Duration terminationWait, Optional<String> tooLong) {
        Fields fields = Fields.valid().health(health).traffic(traffic).manualGate(manualGate).gateTimeout(gateTimeout)
                .finalBake(finalBake).terminationWait(terminationWait);

        if (tooLong.isEmpty()) {
            assertThat(fields.build().traffic()).isEqualTo(traffic);
        } else {
            assertThatThrownBy(fields::build).isInstanceOf(InvalidInputException.class)
                    .hasMessage("this blue-green deployment could take " + tooLong.get()
                            + " (health deadline, bakes, gate and waits): at most 20h, as one execution runs at most 24h");
        }
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                change("the valid base", f -> f, null),
                change("a listener rule as production", f -> f.listener(RULE), null),
                change("a listener rule as the test listener", f -> f.testListener(Optional.of(RULE)), null),
                change("GovCloud", f -> f.listener(LISTENER.replace(":aws:", ":aws-us-gov:").replace("us-east-1", "us-gov-west-1"))
                        .testListener(Optional.empty())
                        .blue(new ColorService("shop_blue", BLUE_TG.replace(":aws:", ":aws-us-gov:")))
                        .green(new ColorService("SHOP-GREEN-2", GREEN_TG.replace(":aws:", ":aws-us-gov:"))), null),
                change("China", f -> f.listener(LISTENER.replace(":aws:", ":aws-cn:").replace("us-east-1", "cn-north-1")), null),
                change("a service name of 255 characters", f -> f.blue(new ColorService("b".repeat(255), BLUE_TG)), null),
                change("a target group name of 32 characters", f -> f.green(new ColorService("shop-green",
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" + "g".repeat(32) + "/83e2d6bc24d8a068")), null),
                change("ten alarms", f -> f.alarms(alarms(10)), null),
                change("an alarm name of 255 characters", f -> f.alarms(List.of("a".repeat(255))), null),
                change("alarm names differing in case", f -> f.alarms(List.of("shop-5xx", "SHOP-5XX")), null),
                change("no alarms", f -> f.alarms(List.of()), null),
                change("a gate timeout of 10s", f -> f.gateTimeout(Duration.ofSeconds(10)), null),
                change("a gate timeout of 12h", f -> f.gateTimeout(Duration.ofHours(12)), null),
                change("a final bake of 0s", f -> f.finalBake(Duration.ZERO), null),
                change("a final bake of 6h", f -> f.finalBake(Duration.ofHours(6)), null),
                change("a termination wait of 0s", f -> f.terminationWait(Duration.ZERO), null),
                change("a termination wait of 6h", f -> f.terminationWait(Duration.ofHours(6)), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptsSettingsWithinBounds(String description, UnaryOperator<Fields> change, String unused) {
        Fields fields = change.apply(Fields.valid());
        BlueGreen strategy = fields.build();

        assertThat(strategy.name()).isEqualTo("blue-green");
        assertThat(strategy.health()).isEqualTo(fields.health());
        assertThat(strategy.blue()).isEqualTo(fields.blue());
        assertThat(strategy.green()).isEqualTo(fields.green());
        assertThat(strategy.listenerArn()).isEqualTo(fields.listenerArn());
        assertThat(strategy.testListenerArn()).isEqualTo(fields.testListenerArn());
        assertThat(strategy.alarms()).isEqualTo(fields.alarms());
        assertThat(strategy.gateTimeout()).isEqualTo(fields.gateTimeout());
        assertThat(strategy.finalBake()).isEqualTo(fields.finalBake());
        assertThat(strategy.terminationWait()).isEqualTo(fields.terminationWait());
    }

    @Test
    void unsetSettingsTakeTheirDefaults() {
        BlueGreen strategy = new BlueGreen(HEALTH, BLUE, GREEN, LISTENER, null, new TrafficSchedule.AllAtOnce(), null, false, null, null, null);

        assertThat(strategy.testListenerArn()).isEmpty();
        assertThat(strategy.alarms()).isEmpty();
        assertThat(strategy.manualGate()).isFalse();
        assertThat(strategy.gateTimeout()).isEqualTo(Duration.ofHours(1)).isEqualTo(BlueGreen.DEFAULT_GATE_TIMEOUT);
        assertThat(strategy.finalBake()).isZero();
        assertThat(strategy.terminationWait()).isEqualTo(Duration.ofMinutes(5)).isEqualTo(BlueGreen.DEFAULT_TERMINATION_WAIT);
    }

    @Test
    void anEmptyTestListenerIsNoTestListener() {
        assertThat(Fields.valid().testListener(Optional.empty()).build().testListenerArn()).isEmpty();
        assertThat(Fields.valid().testListener(null).build().testListenerArn()).isEmpty();
    }

    @Test
    void theAlarmsAreCopiedAndCannotChangeAfterwards() {
        List<String> alarms = new ArrayList<>(List.of("shop-5xx", "shop-latency"));
        BlueGreen strategy = Fields.valid().alarms(alarms).build();

        alarms.add("added-later");
        alarms.set(0, "changed");

        assertThat(strategy.alarms()).containsExactly("shop-5xx", "shop-latency");
        assertThatThrownBy(() -> strategy.alarms().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void eachColorIsServedByItsOwnServiceAndTargetGroup() {
        BlueGreen strategy = Fields.valid().build();

        assertThat(strategy.of(Color.BLUE)).isEqualTo(BLUE);
        assertThat(strategy.of(Color.GREEN)).isEqualTo(GREEN);
    }

    @Test
    void equalSettingsAreEqualStrategies() {
        assertThat(Fields.valid().build()).isEqualTo(Fields.valid().build()).hasSameHashCodeAs(Fields.valid().build());
        assertThat(Fields.valid().build()).isNotEqualTo(Fields.valid().manualGate(false).build());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 10})
    void upToTenAlarmsAreKeptInOrder(int count) {
        List<String> names = alarms(count).reversed();

        assertThat(Fields.valid().alarms(names).build().alarms()).containsExactlyElementsOf(names);
    }

    /** The limit is one sum: a canary bake is accepted exactly up to what the other settings leave of 20h. */
    @Property(tries = 300)
    void aCanaryBakeFitsExactlyUpToTheTotal(@ForAll @LongRange(min = 0, max = 21_600) long finalBakeSeconds,
                                            @ForAll @LongRange(min = 0, max = 21_600) long waitSeconds,
                                            @ForAll @LongRange(min = -3_600, max = 3_600) long offsetSeconds) {
        Duration left = BlueGreen.MAX_TOTAL.minus(HEALTH.healthDeadline().multipliedBy(2)).minusSeconds(finalBakeSeconds).minusSeconds(waitSeconds);
        Duration bake = left.plusSeconds(offsetSeconds);
        if (bake.compareTo(Duration.ofSeconds(1)) < 0 || bake.compareTo(Duration.ofHours(24)) > 0) {
            return; // a bake the canary itself refuses
        }
        Fields fields = Fields.valid().traffic(new TrafficSchedule.Canary(25, bake)).manualGate(false)
                .finalBake(Duration.ofSeconds(finalBakeSeconds)).terminationWait(Duration.ofSeconds(waitSeconds));

        if (offsetSeconds <= 0) {
            assertThat(fields.build().traffic()).isEqualTo(new TrafficSchedule.Canary(25, bake));
        } else {
            assertThatThrownBy(fields::build).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("this blue-green deployment could take ");
        }
    }
}
