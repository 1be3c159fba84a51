package dev.berth.domain.traffic;

import dev.berth.domain.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How production traffic is shared between the new color and the old, in percent. ELB keeps relative
 * weights (1 and 1 is half each); this is what they mean, so a shift can be set, and read back to see
 * that it holds, in the terms a schedule is written in.
 *
 * @param newWeight the new color's share: 0 to 100
 * @param oldWeight the old color's share: 0 to 100, and the two add up to 100
 */
public record TrafficSplit(int newWeight, int oldWeight) {

    /** The most ELB lets a target group weigh in a forward action. */
    private static final int MAX_ELB_WEIGHT = 999;

    public TrafficSplit {
        if (newWeight < 0 || newWeight > 100 || oldWeight < 0 || oldWeight > 100 || newWeight + oldWeight != 100) {
            throw new InvalidInputException("a traffic split of " + newWeight + "% new and " + oldWeight
                    + "% old must be two percentages from 0 to 100 that add up to 100");
        }
    }

    /** {@code percent} of traffic to the new color, the rest to the old. */
    public static TrafficSplit toNew(int percent) {
        if (percent < 0 || percent > 100) {
            throw new InvalidInputException("cannot send " + percent + "% of traffic to the new color: it takes 0% to 100%");
        }
        return new TrafficSplit(percent, 100 - percent);
    }

    /** The weights to forward with, new color first; a percentage is a valid ELB weight as it is. */
    public Map<String, Integer> asWeights(String newTargetGroupArn, String oldTargetGroupArn) {
        requireDistinct(newTargetGroupArn, oldTargetGroupArn);
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(newTargetGroupArn, newWeight);
        weights.put(oldTargetGroupArn, oldWeight);
        return Collections.unmodifiableMap(weights);
    }

    /**
     * The split ELB's relative weights make between two target groups (one absent from the map weighs 0).
     * Percentages are rounded to add up to 100, except that a target group with any weight never reads as
     * 0%, nor its partner as 100%: a listener that still sends a sliver to the old color is not done.
     *
     * @return empty when the weights send traffic to any other target group, or to none
     * @throws IllegalArgumentException for a weight ELB cannot have (outside 0-999)
     */
    public static Optional<TrafficSplit> read(Map<String, Integer> weights, String newTargetGroupArn,
            String oldTargetGroupArn) {
        requireDistinct(newTargetGroupArn, oldTargetGroupArn);
        long toNew = 0;
        long toOld = 0;
        boolean elsewhere = false;
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            Integer weight = entry.getValue();
            if (weight == null || weight < 0 || weight > MAX_ELB_WEIGHT) {
                throw new IllegalArgumentException("target group " + entry.getKey() + " has weight " + weight
                        + "; ELB weights are 0 to " + MAX_ELB_WEIGHT);
            }
            if (entry.getKey().equals(newTargetGroupArn)) {
                toNew = weight;
            } else if (entry.getKey().equals(oldTargetGroupArn)) {
                toOld = weight;
            } else if (weight > 0) {
                elsewhere = true;
            }
        }
        long total = toNew + toOld;
        if (elsewhere || total == 0) {
            return Optional.empty();
        }
        // Integer arithmetic, half up: exact for every pair of ELB weights, so equal ratios read alike.
        int percent = (int) ((200 * toNew + total) / (2 * total));
        if (toNew > 0 && toOld > 0) {
            percent = Math.clamp(percent, 1, 99);
        }
        return Optional.of(toNew(percent));
    }

    /** Whether the weights make exactly this split. */
    public boolean matches(Map<String, Integer> weights, String newTargetGroupArn, String oldTargetGroupArn) {
        return read(weights, newTargetGroupArn, oldTargetGroupArn).equals(Optional.of(this));
    }

    /** For people, e.g. {@code green 10% / blue 90%}. */
    public String describe(String newColor, String oldColor) {
        return newColor + " " + newWeight + "% / " + oldColor + " " + oldWeight + "%";
    }

    private static void requireDistinct(String newTargetGroupArn, String oldTargetGroupArn) {
        Objects.requireNonNull(newTargetGroupArn, "newTargetGroupArn");
        Objects.requireNonNull(oldTargetGroupArn, "oldTargetGroupArn");
        if (newTargetGroupArn.equals(oldTargetGroupArn)) {
            throw new InvalidInputException("both colors use target group " + newTargetGroupArn
                    + ": blue and green each need their own");
        }
    }
}
