package dev.berth.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficSplitTest {

    private static final String NEW = "tg/green";
    private static final String OLD = "tg/blue";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tg/green=1, tg/blue=1          | 50
            tg/green=1                     | 100
            tg/blue=1                      | 0
            tg/green=1, tg/blue=0          | 100
            tg/green=0, tg/blue=999        | 0
            tg/green=1, tg/blue=2          | 33
            tg/green=2, tg/blue=1          | 67
            tg/green=1, tg/blue=3          | 25
            tg/green=1, tg/blue=7          | 13
            tg/green=10, tg/blue=90        | 10
            tg/green=1, tg/blue=999        | 1
            tg/green=999, tg/blue=1        | 99
            tg/green=1, tg/blue=199        | 1
            tg/green=199, tg/blue=1        | 99
            tg/green=3, tg/blue=997        | 1
            tg/green=5, tg/blue=995        | 1
            tg/green=6, tg/blue=994        | 1
            tg/green=1, tg/blue=1, tg/red=0 | 50
            """)
    void readsRelativeWeightsAsPercentagesThatNeverHideASliver(String weights, int toNew) {
        assertThat(TrafficSplit.read(weights(weights), NEW, OLD)).contains(TrafficSplit.toNew(toNew));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tg/green=1, tg/red=1
            tg/green=1, tg/blue=1, tg/red=1
            tg/red=5
            tg/green=0, tg/blue=0
            tg/red=0
            ''
            """)
    void readsNothingWhenTrafficGoesElsewhereOrNowhere(String weights) {
        assertThat(TrafficSplit.read(weights(weights), NEW, OLD)).isEmpty();
        assertThat(TrafficSplit.toNew(100).matches(weights(weights), NEW, OLD)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"-1", "1000"})
    void refusesAWeightELBCannotHave(int weight) {
        Map<String, Integer> weights = Map.of(NEW, 1, OLD, weight);

        assertThatThrownBy(() -> TrafficSplit.read(weights, NEW, OLD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target group tg/blue has weight " + weight + "; ELB weights are 0 to 999");
    }

    @Test
    void matchesOnlyItsOwnSplit() {
        TrafficSplit tenPercent = TrafficSplit.toNew(10);

        assertThat(tenPercent.matches(Map.of(NEW, 1, OLD, 9), NEW, OLD)).isTrue();
        assertThat(tenPercent.matches(Map.of(NEW, 9, OLD, 1), NEW, OLD)).isFalse();
        assertThat(tenPercent.matches(Map.of(NEW, 1, OLD, 8), NEW, OLD)).isFalse();
        assertThat(TrafficSplit.toNew(100).matches(Map.of(NEW, 199, OLD, 1), NEW, OLD)).isFalse();
    }

    @Test
    void weighsTheNewColorFirst() {
        Map<String, Integer> weights = TrafficSplit.toNew(30).asWeights(NEW, OLD);

        assertThat(weights).containsExactly(Map.entry(NEW, 30), Map.entry(OLD, 70));
        assertThat(TrafficSplit.toNew(0).asWeights(OLD, NEW)).containsExactly(Map.entry(OLD, 0), Map.entry(NEW, 100));
    }

    @Test
    void describesItselfForPeople() {
        assertThat(TrafficSplit.toNew(10).describe("green", "blue")).isEqualTo("green 10% / blue 90%");
        assertThat(new TrafficSplit(0, 100).describe("blue", "green")).isEqualTo("blue 0% / green 100%");
    }

    @ParameterizedTest
    @CsvSource({"50, 49", "50, 51", "-1, 101", "101, -1", "0, 0"})
    void isTwoPercentagesThatAddUpToAHundred(int newWeight, int oldWeight) {
        assertThatThrownBy(() -> new TrafficSplit(newWeight, oldWeight))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("a traffic split of " + newWeight + "% new and " + oldWeight
                        + "% old must be two percentages from 0 to 100 that add up to 100");
    }

    @ParameterizedTest
    @CsvSource({"-1", "101"})
    void sendsBetweenNoneAndAllTraffic(int percent) {
        assertThatThrownBy(() -> TrafficSplit.toNew(percent))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot send " + percent + "% of traffic to the new color: it takes 0% to 100%");
    }

    @Test
    void needsTwoTargetGroups() {
        assertThatThrownBy(() -> TrafficSplit.toNew(50).asWeights(NEW, NEW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("both colors use target group tg/green: blue and green each need their own");
        assertThatThrownBy(() -> TrafficSplit.read(Map.of(NEW, 1), NEW, NEW))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TrafficSplit.read(Map.of(NEW, 1), null, OLD))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void readsWhatItWrites() {
        TrafficSplit split = TrafficSplit.toNew(37);

        assertThat(TrafficSplit.read(split.asWeights(NEW, OLD), NEW, OLD)).isEqualTo(Optional.of(split));
    }

    /** {@code a=1, b=2} as a map in that order; blank for none. */
    static Map<String, Integer> weights(String text) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        if (!text.isBlank()) {
            for (String pair : text.split(",")) {
                String[] parts = pair.strip().split("=");
                weights.put(parts[0], Integer.parseInt(parts[1]));
            }
        }
        return weights;
    }
}
