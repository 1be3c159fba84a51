package dev.berth.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.health.StepVerdict;
import dev.berth.domain.traffic.BakeJudge.Labels;
import dev.berth.domain.traffic.BakeJudge.Seen;
import dev.berth.ports.Alarms;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One look at a traffic step, decided: weights read back, then alarms, then the new color's health, then the bake. */
class BakeJudgeTest {

    private static final String NEW_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/83e2d6bc24d8a068";
    private static final String OLD_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067";
    private static final Labels LABELS = new Labels("production listener", "green", "blue");
    private static final Duration BAKE = Duration.ofMinutes(5);
    private static final TrafficSplit TEN = TrafficSplit.toNew(10);
    private static final Optional<StepVerdict> HEALTHY = Optional.of(new StepVerdict.Complete("2/2 tasks running, 2/2 targets healthy"));
    private static final String TRAFFIC = "production listener at green 10% / blue 90% (read back)";

    /** Alarms in the order given, as CloudWatchAlarms returns them. */
    private static Map<String, String> alarms(String... namesAndStates) {
        Map<String, String> alarms = new LinkedHashMap<>();
        for (int i = 0; i < namesAndStates.length; i += 2) {
            alarms.put(namesAndStates[i], namesAndStates[i + 1]);
        }
        return alarms;
    }

    private static Seen seen(Optional<TrafficSplit> read, Map<String, Integer> raw, Map<String, String> alarms, Optional<StepVerdict> health,
                             Duration elapsed, Duration bake) {
        return new Seen(TEN, read, raw, alarms, health, elapsed, bake);
    }

    private static Seen seen(Map<String, String> alarms, Optional<StepVerdict> health, Duration elapsed, Duration bake) {
        return seen(Optional.of(TEN), TEN.asWeights(NEW_TG, OLD_TG), alarms, health, elapsed, bake);
    }

    static Stream<Arguments> looks() {
        Map<String, String> ok = alarms("shop-5xx", "OK", "shop-latency", "OK");
        Duration minute = Duration.ofMinutes(1);
        Map<String, Integer> elsewhere = new LinkedHashMap<>();
        elsewhere.put(NEW_TG, 1);
        elsewhere.put("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/other/0123456789abcdef", 1);
        return Stream.of(
                // The weights first: a listener someone else changed fails whatever else is seen.
                arguments("the listener reads another split",
                        seen(Optional.of(TrafficSplit.toNew(50)), Map.of(NEW_TG, 1, OLD_TG, 1), alarms("shop-5xx", "ALARM"), HEALTHY, minute, BAKE),
                        new StepVerdict.Failed("production listener changed outside Berth: it forwards green 50% / blue 50% where Berth set green 10% / blue 90%")),
                arguments("the listener reads back as no split of the two colors: the raw weights are shown",
                        seen(Optional.empty(), elsewhere, ok, HEALTHY, minute, BAKE),
                        new StepVerdict.Failed("production listener changed outside Berth: it forwards weights {" + NEW_TG
                                + "=1, arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/other/0123456789abcdef=1}"
                                + " where Berth set green 10% / blue 90%")),
                arguments("the listener forwards nothing at all", seen(Optional.empty(), Map.of(), ok, HEALTHY, minute, BAKE),
                        new StepVerdict.Failed("production listener changed outside Berth: it forwards weights {} where Berth set green 10% / blue 90%")),
                arguments("all traffic read back as still on the old color",
                        seen(Optional.of(TrafficSplit.toNew(0)), Map.of(OLD_TG, 1), ok, HEALTHY, minute, BAKE),
                        new StepVerdict.Failed("production listener changed outside Berth: it forwards green 0% / blue 100% where Berth set green 10% / blue 90%")),
                // Then the alarms: one look in ALARM is enough.
                arguments("one alarm in ALARM", seen(alarms("shop-5xx", "ALARM", "shop-latency", "OK"), HEALTHY, minute, BAKE),
                        new StepVerdict.Failed("alarm shop-5xx is in ALARM at green 10% / blue 90%")),
                arguments("several alarms in ALARM, in the order given",
                        seen(alarms("shop-latency", "ALARM", "shop-ok", "OK", "shop-5xx", "ALARM"), HEALTHY, minute, BAKE),
                        new StepVerdict.Failed("alarm shop-latency, shop-5xx are in ALARM at green 10% / blue 90%")),
                arguments("an alarm in ALARM outranks a missing one and an unhealthy color",
                        seen(alarms("gone", Alarms.MISSING, "shop-5xx", "ALARM"), Optional.of(new StepVerdict.Failed("crashed")), minute, BAKE),
                        new StepVerdict.Failed("alarm shop-5xx is in ALARM at green 10% / blue 90%")),
                arguments("an alarm in ALARM at the very end of the bake", seen(alarms("shop-5xx", "ALARM"), HEALTHY, BAKE, BAKE),
                        new StepVerdict.Failed("alarm shop-5xx is in ALARM at green 10% / blue 90%")),
                arguments("an alarm deleted from CloudWatch", seen(alarms("shop-5xx", "OK", "gone", Alarms.MISSING), HEALTHY, minute, BAKE),
                        new StepVerdict.Failed("alarm gone no longer exists in CloudWatch: Berth cannot watch it")),
                arguments("several alarms deleted", seen(alarms("gone", Alarms.MISSING, "also-gone", Alarms.MISSING), HEALTHY, minute, BAKE),
                        new StepVerdict.Failed("alarm gone, also-gone no longer exists in CloudWatch: Berth cannot watch it")),
                // Then the new color's health: a decisive verdict fails, naming the split it failed at.
                arguments("the new color failed", seen(ok, Optional.of(new StepVerdict.Failed("2 of 2 targets unhealthy: Target.Timeout")), minute, BAKE),
                        new StepVerdict.Failed("green at green 10% / blue 90%: 2 of 2 targets unhealthy: Target.Timeout")),
                arguments("ECS rolled the new color back: a failure all the same",
                        seen(ok, Optional.of(new StepVerdict.EcsRolledBack("circuit breaker rolled back")), minute, BAKE),
                        new StepVerdict.Failed("green at green 10% / blue 90%: circuit breaker rolled back")),
                arguments("someone changed the new color's service: a failure all the same",
                        seen(ok, Optional.of(new StepVerdict.ChangedOutside("task definition changed outside Berth")), minute, BAKE),
                        new StepVerdict.Failed("green at green 10% / blue 90%: task definition changed outside Berth")),
                // An unhealthy run keeps the step looking, even when the bake is over: health must recover or fail first.
                arguments("unhealthy looks in the bake",
                        seen(ok, Optional.of(new StepVerdict.InProgress("unhealthy (1 of 3 looks): 1 of 2 targets unhealthy", 1)), minute, BAKE),
                        new StepVerdict.InProgress(TRAFFIC + "; green unhealthy (1 of 3 looks): 1 of 2 targets unhealthy; alarms OK (shop-5xx, shop-latency)"
                                + "; baking for 5m", 1)),
                arguments("unhealthy looks past the bake: baked, and waiting for health to recover or fail",
                        seen(ok, Optional.of(new StepVerdict.InProgress("unhealthy (2 of 3 looks): 1 of 2 targets unhealthy", 2)),
                                Duration.ofMinutes(7), BAKE),
                        new StepVerdict.InProgress(TRAFFIC + "; green unhealthy (2 of 3 looks): 1 of 2 targets unhealthy; alarms OK (shop-5xx, shop-latency)"
                                + "; baked 5m, waiting for green to be healthy again", 2)),
                arguments("unhealthy looks with nothing to bake", seen(ok, Optional.of(new StepVerdict.InProgress("unhealthy (1 of 2 looks): x", 1)),
                                Duration.ofSeconds(3), Duration.ZERO),
                        new StepVerdict.InProgress(TRAFFIC + "; green unhealthy (1 of 2 looks): x; alarms OK (shop-5xx, shop-latency); waiting for green to be healthy again", 1)),
                // Then the bake.
                arguments("healthy, early in the bake", seen(ok, HEALTHY, minute, BAKE),
                        new StepVerdict.InProgress(TRAFFIC + "; green 2/2 tasks running, 2/2 targets healthy; alarms OK (shop-5xx, shop-latency)"
                                + "; baking for 5m", 0)),
                arguments("healthy, just before the bake ends", seen(ok, HEALTHY, BAKE.minusMillis(1), BAKE),
                        new StepVerdict.InProgress(TRAFFIC + "; green 2/2 tasks running, 2/2 targets healthy; alarms OK (shop-5xx, shop-latency)"
                                + "; baking for 5m", 0)),
                arguments("healthy when the bake ends", seen(ok, HEALTHY, BAKE, BAKE),
                        new StepVerdict.Complete(TRAFFIC + "; green 2/2 tasks running, 2/2 targets healthy; alarms OK (shop-5xx, shop-latency); baked 5m")),
                arguments("healthy past the bake", seen(ok, HEALTHY, Duration.ofMinutes(6), BAKE),
                        new StepVerdict.Complete(TRAFFIC + "; green 2/2 tasks running, 2/2 targets healthy; alarms OK (shop-5xx, shop-latency); baked 5m")),
                arguments("alarms with no data are not in ALARM", seen(alarms("shop-5xx", "INSUFFICIENT_DATA"), HEALTHY, BAKE, BAKE),
                        new StepVerdict.Complete(TRAFFIC + "; green 2/2 tasks running, 2/2 targets healthy; alarms OK (shop-5xx); baked 5m")),
                arguments("nothing to bake: complete at the first look, without 'baked'", seen(ok, HEALTHY, Duration.ZERO, Duration.ZERO),
                        new StepVerdict.Complete(TRAFFIC + "; green 2/2 tasks running, 2/2 targets healthy; alarms OK (shop-5xx, shop-latency)")),
                arguments("no alarms configured: no alarms text", seen(Map.of(), HEALTHY, BAKE, BAKE),
                        new StepVerdict.Complete(TRAFFIC + "; green 2/2 tasks running, 2/2 targets healthy; baked 5m")),
                arguments("no alarms configured, baking", seen(Map.of(), HEALTHY, Duration.ofSeconds(90), BAKE),
                        new StepVerdict.InProgress(TRAFFIC + "; green 2/2 tasks running, 2/2 targets healthy; baking for 5m", 0)),
                arguments("a read-back only (no health watched): complete once read back",
                        seen(Map.of(), Optional.empty(), Duration.ofSeconds(1), Duration.ZERO), new StepVerdict.Complete(TRAFFIC)),
                arguments("a read-back only, still within its bake",
                        seen(Map.of(), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(30)),
                        new StepVerdict.InProgress(TRAFFIC + "; baking for 30s", 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("looks")
    void judgesOneLook(String description, Seen seen, StepVerdict expected) {
        assertThat(BakeJudge.judge(seen, LABELS)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labelled")
    void namesTheListenerAndTheColorsAsGiven(String description, Labels labels, Seen seen, StepVerdict expected) {
        assertThat(BakeJudge.judge(seen, labels)).isEqualTo(expected);
    }

    static Stream<Arguments> labelled() {
        TrafficSplit all = TrafficSplit.toNew(100);
        Labels test = new Labels("test listener", "blue", "green");
        return Stream.of(
                arguments("the test listener at 100% for blue", test,
                        new Seen(all, Optional.of(all), all.asWeights(OLD_TG, NEW_TG), Map.of(), Optional.empty(), Duration.ofSeconds(1), Duration.ZERO),
                        new StepVerdict.Complete("test listener at blue 100% / green 0% (read back)")),
                arguments("the test listener changed", test,
                        new Seen(all, Optional.of(TrafficSplit.toNew(0)), Map.of(NEW_TG, 1), Map.of(), Optional.empty(), Duration.ofSeconds(1),
                                Duration.ZERO),
                        new StepVerdict.Failed("test listener changed outside Berth: it forwards blue 0% / green 100% where Berth set blue 100% / green 0%")),
                arguments("undo: production back to green", new Labels("production listener", "blue", "green"),
                        new Seen(TrafficSplit.toNew(0), Optional.of(TrafficSplit.toNew(0)), Map.of(NEW_TG, 1), Map.of(), Optional.empty(),
                                Duration.ofSeconds(1), Duration.ZERO),
                        new StepVerdict.Complete("production listener at blue 0% / green 100% (read back)")));
    }

    // ---- Whatever is seen ----

    record Look(Optional<TrafficSplit> read, Map<String, String> alarms, Optional<StepVerdict> health, Duration elapsed, Duration bake) {}

    @Property(tries = 2000)
    void completesOnlyWhenEverythingHeldForTheWholeBake(@ForAll("anyLook") Look look) {
        StepVerdict verdict = BakeJudge.judge(new Seen(TEN, look.read(), Map.of(), look.alarms(), look.health(), look.elapsed(), look.bake()), LABELS);

        assertThat(verdict).isInstanceOfAny(StepVerdict.Complete.class, StepVerdict.InProgress.class, StepVerdict.Failed.class);
        boolean readBack = look.read().equals(Optional.of(TEN));
        boolean alarmsOk = look.alarms().values().stream().noneMatch(s -> s.equals("ALARM") || s.equals(Alarms.MISSING));
        boolean healthDecisive = look.health().filter(h -> !(h instanceof StepVerdict.Complete || h instanceof StepVerdict.InProgress)).isPresent();
        int unhealthyLooks = look.health().filter(StepVerdict.InProgress.class::isInstance).map(h -> ((StepVerdict.InProgress) h).unhealthyLooks())
                .orElse(0);
        boolean baked = look.elapsed().compareTo(look.bake()) >= 0;

        assertThat(verdict instanceof StepVerdict.Failed).isEqualTo(!readBack || !alarmsOk || healthDecisive);
        boolean completes = readBack && alarmsOk && !healthDecisive && unhealthyLooks == 0 && baked;
        // A color still progressing (no unhealthy run) is left out of the exact rule: whether it may complete a bake is open.
        boolean progressing = look.health().filter(StepVerdict.InProgress.class::isInstance).isPresent() && unhealthyLooks == 0;
        if (!progressing) {
            assertThat(verdict instanceof StepVerdict.Complete).isEqualTo(completes);
        } else if (verdict instanceof StepVerdict.Complete) {
            assertThat(readBack && alarmsOk && baked).isTrue();
        }
        if (verdict instanceof StepVerdict.InProgress progress) {
            assertThat(progress.unhealthyLooks()).isEqualTo(unhealthyLooks);
            assertThat(progress.summary()).startsWith(TRAFFIC).containsAnyOf("; baking for ", "to be healthy again");
        }
        if (verdict instanceof StepVerdict.Complete complete) {
            assertThat(complete.summary()).startsWith(TRAFFIC).doesNotContain("baking");
            assertThat(complete.summary().contains("; baked ")).isEqualTo(!look.bake().isZero());
            assertThat(complete.summary().contains("; alarms OK (")).isEqualTo(!look.alarms().isEmpty());
        }
    }

    @Property(tries = 500)
    void aListenerThatDoesNotReadBackFailsWhateverElseIsSeen(@ForAll @IntRange(min = 0, max = 100) int readWeight, @ForAll("anyLook") Look look) {
        if (readWeight == TEN.newWeight()) {
            return;
        }
        StepVerdict verdict = BakeJudge.judge(new Seen(TEN, Optional.of(TrafficSplit.toNew(readWeight)), Map.of(), look.alarms(), look.health(),
                look.elapsed(), look.bake()), LABELS);

        assertThat(verdict).isEqualTo(new StepVerdict.Failed("production listener changed outside Berth: it forwards green " + readWeight
                + "% / blue " + (100 - readWeight) + "% where Berth set green 10% / blue 90%"));
    }

    @Property(tries = 500)
    void aHealthyReadBackBakesExactlyItsBake(@ForAll @LongRange(min = 0, max = 86_400) long bakeSeconds,
                                            @ForAll @LongRange(min = 0, max = 90_000) long elapsedSeconds) {
        Duration bake = Duration.ofSeconds(bakeSeconds);
        Duration elapsed = Duration.ofSeconds(elapsedSeconds);

        StepVerdict verdict = BakeJudge.judge(seen(Map.of(), HEALTHY, elapsed, bake), LABELS);

        assertThat(verdict instanceof StepVerdict.Complete).isEqualTo(elapsedSeconds >= bakeSeconds);
        assertThat(verdict).isInstanceOfAny(StepVerdict.Complete.class, StepVerdict.InProgress.class);
    }

    @Provide
    Arbitrary<Look> anyLook() {
        Arbitrary<Optional<TrafficSplit>> read = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Optional.of(TEN))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Optional.<TrafficSplit>empty())),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 100).map(w -> Optional.of(TrafficSplit.toNew(w)))));
        Arbitrary<Map<String, String>> alarms = Arbitraries.maps(Arbitraries.of("a", "b", "c", "d"),
                Arbitraries.frequency(net.jqwik.api.Tuple.of(8, "OK"), net.jqwik.api.Tuple.of(2, "INSUFFICIENT_DATA"),
                        net.jqwik.api.Tuple.of(1, "ALARM"), net.jqwik.api.Tuple.of(1, Alarms.MISSING))).ofMaxSize(4);
        Arbitrary<Optional<StepVerdict>> health = Arbitraries.oneOf(
                Arbitraries.just(Optional.empty()),
                Arbitraries.just(HEALTHY),
                Arbitraries.integers().between(0, 9).map(n -> Optional.of(new StepVerdict.InProgress("looks " + n, n))),
                Arbitraries.of(List.of(Optional.of(new StepVerdict.Failed("f")), Optional.of(new StepVerdict.EcsRolledBack("e")),
                        Optional.of(new StepVerdict.ChangedOutside("c")))));
        Arbitrary<Duration> seconds = Arbitraries.longs().between(0, 3_600).map(Duration::ofSeconds);
        return net.jqwik.api.Combinators.combine(read, alarms, health, seconds, seconds).as(Look::new);
    }
}
