package dev.berth.domain.traffic;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which color is live, decided from what the listener actually forwards before a deployment starts.
 * Berth only ever deploys to the color that takes no traffic, so when the listener does not say plainly
 * which that is (traffic elsewhere, split, or changed behind Berth's back) it refuses rather than guess:
 * a wrong guess would replace the revision serving every user.
 */
public final class LiveColor {

    private LiveColor() {}

    /** The verdict: a live color to deploy beside, or why there is none. */
    public sealed interface Choice {

        /** {@code live} takes all traffic; the deployment goes to the other color. */
        record Live(Color live) implements Choice {}

        /** No deployment may start; the reason says what to fix, for a person. */
        record Refused(String reason) implements Choice {}
    }

    /**
     * @param weights the listener's (or rule's) forward weights, as ELB has them now
     * @param recordedLive the color the last deployment left live, if Berth has one on record
     */
    public static Choice choose(Map<String, Integer> weights, String blueTargetGroupArn, String greenTargetGroupArn,
            Optional<Color> recordedLive) {
        Objects.requireNonNull(recordedLive, "recordedLive");
        // Blue reads as the "new" side only to have a side; nothing is deployed here.
        Optional<TrafficSplit> read = TrafficSplit.read(weights, blueTargetGroupArn, greenTargetGroupArn);
        if (read.isEmpty()) {
            return new Choice.Refused(elsewhere(weights, blueTargetGroupArn, greenTargetGroupArn));
        }
        TrafficSplit split = read.get();
        if (split.newWeight() != 100 && split.oldWeight() != 100) {
            return new Choice.Refused("the listener splits traffic " + split.describe(Color.BLUE.label(), Color.GREEN.label())
                    + ": a deployment starts only from 100/0 (finish or undo the last shift first)");
        }
        Color live = split.newWeight() == 100 ? Color.BLUE : Color.GREEN;
        if (recordedLive.isPresent() && recordedLive.get() != live) {
            Color recorded = recordedLive.get();
            return new Choice.Refused("the last deployment left " + recorded.label() + " live, but the listener sends 100% to "
                    + live.label() + ": it was changed outside Berth; set it back to send all traffic to " + recorded.label()
                    + " before deploying (Berth does not guess which color is meant to be live)");
        }
        return new Choice.Live(live);
    }

    private static String elsewhere(Map<String, Integer> weights, String blueTargetGroupArn, String greenTargetGroupArn) {
        String others = weights.entrySet().stream()
                .filter(e -> e.getValue() > 0 && !e.getKey().equals(blueTargetGroupArn) && !e.getKey().equals(greenTargetGroupArn))
                .map(e -> e.getKey() + " (weight " + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        if (others.isEmpty()) {
            return "the listener forwards to no target group (every weight is 0): Berth does not guess which color is live";
        }
        return "the listener forwards to " + others + ", not only to blue's and green's target groups: "
                + "Berth does not guess which color is live";
    }
}
