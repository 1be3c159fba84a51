package dev.berth.domain.traffic;

import dev.berth.domain.Durations;
import dev.berth.domain.health.StepVerdict;
import dev.berth.ports.Alarms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One look at a blue/green traffic step, decided: the weights read back must be the ones Berth wrote (Argo's
 * VerifyWeight: a listener someone else edited fails the step), no alarm may be in ALARM (one look is enough),
 * and the new color must stay healthy (its own run of unhealthy looks, weighed against the threshold), for the
 * whole bake. Pure: the engine reads the listener, the alarms and the new color, and this decides.
 */
public final class BakeJudge {

    private BakeJudge() {}

    /** What was seen at one look. {@code health} is empty when the step does not watch the new color (a read-back only). */
    public record Seen(TrafficSplit expected, Optional<TrafficSplit> read, Map<String, Integer> rawWeights,
                       Map<String, String> alarms, Optional<StepVerdict> health, Duration elapsed, Duration bake) {}

    /** Names for people: the listener ("production listener") and the colors. */
    public record Labels(String listener, String newColor, String oldColor) {}

    public static StepVerdict judge(Seen seen, Labels labels) {
        String expected = seen.expected().describe(labels.newColor(), labels.oldColor());
        if (seen.read().isEmpty() || !seen.read().get().equals(seen.expected())) {
            String found = seen.read().map(r -> r.describe(labels.newColor(), labels.oldColor()))
                    .orElse("weights " + seen.rawWeights());
            return new StepVerdict.Failed(labels.listener() + " changed outside Berth: it forwards " + found
                    + " where Berth set " + expected);
        }
        List<String> alarming = seen.alarms().entrySet().stream().filter(e -> e.getValue().equals("ALARM")).map(Map.Entry::getKey).toList();
        if (!alarming.isEmpty()) {
            return new StepVerdict.Failed("alarm " + String.join(", ", alarming) + (alarming.size() == 1 ? " is" : " are")
                    + " in ALARM at " + expected);
        }
        List<String> missing = seen.alarms().entrySet().stream().filter(e -> e.getValue().equals(Alarms.MISSING)).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            return new StepVerdict.Failed("alarm " + String.join(", ", missing) + " no longer exists in CloudWatch: Berth cannot watch it");
        }
        String alarms = seen.alarms().isEmpty() ? "" : "; alarms OK (" + String.join(", ", seen.alarms().keySet()) + ")";
        String traffic = labels.listener() + " at " + expected + " (read back)";
        int unhealthyLooks = 0;
        String health = "";
        if (seen.health().isPresent()) {
            StepVerdict verdict = seen.health().get();
            switch (verdict) {
                case StepVerdict.Complete c -> health = "; " + labels.newColor() + " " + c.summary();
                case StepVerdict.InProgress p -> {
                    unhealthyLooks = p.unhealthyLooks();
                    health = "; " + labels.newColor() + " " + p.summary();
                }
                default -> {
                    return new StepVerdict.Failed(labels.newColor() + " at " + expected + ": " + verdict.summary());
                }
            }
        }
        if (unhealthyLooks == 0 && !seen.elapsed().minus(seen.bake()).isNegative()) {
            String baked = seen.bake().isZero() ? "" : "; baked " + Durations.toHuman(seen.bake());
            return new StepVerdict.Complete(traffic + health + alarms + baked);
        }
        // Not the time baked so far: the summary changes only when the picture does, and only then is the timeline written.
        String baking = seen.elapsed().compareTo(seen.bake()) < 0 ? "; baking for " + Durations.toHuman(seen.bake())
                : seen.bake().isZero() ? "; waiting for " + labels.newColor() + " to be healthy again"
                : "; baked " + Durations.toHuman(seen.bake()) + ", waiting for " + labels.newColor() + " to be healthy again";
        return new StepVerdict.InProgress(traffic + health + alarms + baking, unhealthyLooks);
    }
}
