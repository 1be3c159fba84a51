package dev.berth.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Reading ELB's relative weights: what Berth writes reads back, and only the ratio matters. */
class TrafficSplitPropertiesTest {

    private static final String NEW = "tg/green";
    private static final String OLD = "tg/blue";

    @Property
    void readsBackEveryPercentageItWrites(@ForAll @IntRange(min = 0, max = 100) int percent) {
        TrafficSplit split = TrafficSplit.toNew(percent);

        assertThat(TrafficSplit.read(split.asWeights(NEW, OLD), NEW, OLD)).contains(split);
        assertThat(split.matches(split.asWeights(NEW, OLD), NEW, OLD)).isTrue();
    }

    @Property(tries = 2000)
    void scaledWeightsReadAsTheSameSplit(@ForAll("scaled") int[] weights) {
        int toNew = weights[0];
        int toOld = weights[1];
        int k = weights[2];

        assertThat(TrafficSplit.read(Map.of(NEW, toNew * k, OLD, toOld * k), NEW, OLD))
                .isEqualTo(TrafficSplit.read(Map.of(NEW, toNew, OLD, toOld), NEW, OLD));
    }

    @Property(tries = 2000)
    void aSplitIsWithinAPointOfTheExactShareAndNeverHidesTraffic(@ForAll @IntRange(min = 0, max = 999) int toNew,
            @ForAll @IntRange(min = 0, max = 999) int toOld) {
        Assume.that(toNew + toOld > 0);
        TrafficSplit split = TrafficSplit.read(Map.of(NEW, toNew, OLD, toOld), NEW, OLD).orElseThrow();
        double exact = 100.0 * toNew / (toNew + toOld);

        assertThat(split.newWeight() + split.oldWeight()).isEqualTo(100);
        assertThat((double) split.newWeight()).isCloseTo(exact, org.assertj.core.data.Offset.offset(1.0));
        assertThat(split.newWeight() == 0).isEqualTo(toNew == 0);
        assertThat(split.oldWeight() == 0).isEqualTo(toOld == 0);
    }

    @Property(tries = 1000)
    void swappingTheColorsSwapsTheSplit(@ForAll @IntRange(min = 0, max = 999) int toNew,
            @ForAll @IntRange(min = 0, max = 999) int toOld) {
        Assume.that(toNew + toOld > 0 && 200L * toNew % (2L * (toNew + toOld)) != toNew + toOld);
        Map<String, Integer> weights = Map.of(NEW, toNew, OLD, toOld);
        TrafficSplit split = TrafficSplit.read(weights, NEW, OLD).orElseThrow();

        assertThat(TrafficSplit.read(weights, OLD, NEW)).contains(new TrafficSplit(split.oldWeight(), split.newWeight()));
    }

    @Property(tries = 1000)
    void anotherTargetGroupCountsOnlyWhenItGetsTraffic(@ForAll @IntRange(min = 0, max = 999) int toNew,
            @ForAll @IntRange(min = 0, max = 999) int toOld, @ForAll @IntRange(min = 0, max = 999) int toOther) {
        Map<String, Integer> weights = new HashMap<>(Map.of(NEW, toNew, OLD, toOld, "tg/red", toOther));
        Optional<TrafficSplit> read = TrafficSplit.read(weights, NEW, OLD);

        if (toOther > 0 || toNew + toOld == 0) {
            assertThat(read).isEmpty();
        } else {
            weights.remove("tg/red");
            assertThat(read).isPresent().isEqualTo(TrafficSplit.read(weights, NEW, OLD));
        }
    }

    /** Two weights, not both 0, and a factor that keeps both within ELB's 999. */
    @Provide
    Arbitrary<int[]> scaled() {
        return Arbitraries.integers().between(1, 9).flatMap(k -> Combinators.combine(
                        Arbitraries.integers().between(0, 999 / k), Arbitraries.integers().between(0, 999 / k))
                .filter((a, b) -> a + b > 0)
                .as((a, b) -> new int[] {a, b, k}));
    }
}
