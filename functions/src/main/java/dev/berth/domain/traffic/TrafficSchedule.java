package dev.berth.domain.traffic;

import dev.berth.domain.Durations;
import dev.berth.domain.InvalidInputException;
import dev.berth.domain.traffic.TrafficStep.ManualPause;
import dev.berth.domain.traffic.TrafficStep.Shift;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How production traffic moves from the live color to the new one. Each kind is configured in its own
 * terms but expands to the same thing, a list of {@link TrafficStep}s, so a deployment runs every kind
 * the same way and only the expansion has to be right.
 *
 * <p>Every expansion ends with {@code Shift(100, 0s)}: the bake at full traffic is the strategy's final
 * bake, not the schedule's, so all kinds finish alike.
 */
public sealed interface TrafficSchedule {

    /** The kind as configured, e.g. {@code canary}. */
    String kind();

    /**
     * The steps in order, ending with {@code Shift(100, 0s)}.
     *
     * @param manualGate whether a person must promote before the last shift, which is then preceded by
     *                   a {@link ManualPause} (one already there is reused)
     */
    List<TrafficStep> steps(boolean manualGate);

    /** How many times traffic is shifted (pauses do not shift). */
    default int shiftCount(boolean manualGate) {
        return (int) steps(manualGate).stream().filter(Shift.class::isInstance).count();
    }

    /**
     * A schedule from configuration fields, named as in the JSON; fields a kind does not use must be null.
     *
     * @throws InvalidInputException naming the missing, unknown or invalid field
     */
    static TrafficSchedule parse(String kind, Integer weight, Long bakeSeconds, Integer stepWeight, Long intervalSeconds,
            List<TrafficStep> steps) {
        return TrafficConfig.parse(kind, weight, bakeSeconds, stepWeight, intervalSeconds, steps);
    }

    /** All traffic at once: blue/green in its plainest form, still with the final bake and instant undo. */
    record AllAtOnce() implements TrafficSchedule {

        @Override
        public String kind() {
            return "all-at-once";
        }

        @Override
        public List<TrafficStep> steps(boolean manualGate) {
            return Schedules.gate(List.of(Schedules.FULL), manualGate);
        }
    }

    /**
     * A canary: a small share of traffic first, and the rest only once it has baked without trouble.
     *
     * @param weight the canary's share: 1 to 99 percent (0 would test nothing, 100 is all at once)
     * @param bake how long the canary is watched: 1s to 24h
     */
    record Canary(int weight, Duration bake) implements TrafficSchedule {

        public Canary {
            if (weight < 1 || weight > 99) {
                throw new InvalidInputException("canary 'weight' " + weight
                        + " must be between 1 and 99 (the percentage of traffic the canary gets)");
            }
            Schedules.requireBake("canary bake", "bakeSeconds", bake);
        }

        @Override
        public String kind() {
            return "canary";
        }

        @Override
        public List<TrafficStep> steps(boolean manualGate) {
            return Schedules.gate(List.of(new Shift(weight, bake), Schedules.FULL), manualGate);
        }
    }

    /**
     * Equal steps up to all traffic, each baked for {@code interval}.
     *
     * <p>Weights are {@code k * stepWeight} for {@code k = 1 .. n-1}, then 100, where
     * {@code n = max(2, round(100 / stepWeight))}: computed rather than accumulated, so they cannot drift,
     * and with n rounded so the last step is never a sliver (33 goes 33, 66, 100 rather than ending with
     * a 1% step). At most 100 shifts, at stepWeight 1.
     *
     * @param stepWeight the percentage added at each step: 1 to 99
     * @param interval how long each step below 100% bakes: 1s to 24h
     */
    record Linear(int stepWeight, Duration interval) implements TrafficSchedule {

        public Linear {
            if (stepWeight < 1 || stepWeight > 99) {
                throw new InvalidInputException("linear 'stepWeight' " + stepWeight
                        + " must be between 1 and 99 (the percentage added at each step)");
            }
            Schedules.requireBake("linear interval", "intervalSeconds", interval);
        }

        @Override
        public String kind() {
            return "linear";
        }

        @Override
        public List<TrafficStep> steps(boolean manualGate) {
            int shifts = Math.max(2, (int) Math.round(100.0 / stepWeight));
            List<TrafficStep> steps = new ArrayList<>(shifts + 1);
            for (int k = 1; k < shifts; k++) {
                steps.add(new Shift(k * stepWeight, interval));
            }
            steps.add(Schedules.FULL);
            return Schedules.gate(steps, manualGate);
        }
    }

    /**
     * An explicit list of shifts and pauses, as Argo Rollouts' canary steps, for schedules the other kinds
     * cannot say. Traffic to the new color only grows (going back is what an abort is for), and when the
     * list does not end at {@code Shift(100, 0s)} that shift is added, so no list leaves traffic split.
     *
     * @param steps 1 to 50 steps; weights never decrease, bakes are 0s to 24h, no two pauses in a row
     */
    record Steps(List<TrafficStep> steps) implements TrafficSchedule {

        public static final int MAX_STEPS = 50;

        public Steps {
            if (steps == null || steps.isEmpty()) {
                throw new InvalidInputException("'steps' lists no steps: it needs 1 to " + MAX_STEPS
                        + " shifts and manual pauses");
            }
            if (steps.size() > MAX_STEPS) {
                throw new InvalidInputException("'steps' lists " + steps.size() + " steps; at most " + MAX_STEPS);
            }
            validate(steps);
            steps = List.copyOf(steps);
        }

        @Override
        public String kind() {
            return "steps";
        }

        @Override
        public List<TrafficStep> steps(boolean manualGate) {
            List<TrafficStep> expanded = new ArrayList<>(steps);
            if (!Schedules.FULL.equals(steps.getLast())) {
                expanded.add(Schedules.FULL);
            }
            return Schedules.gate(expanded, manualGate);
        }

        /** Steps are numbered from 1 in messages, as a person counts them in the configuration. */
        private static void validate(List<TrafficStep> steps) {
            TrafficStep previous = null;
            Shift lastShift = null;
            int lastShiftNumber = 0;
            for (int i = 0; i < steps.size(); i++) {
                int number = i + 1;
                TrafficStep step = steps.get(i);
                switch (step) {
                    case null -> throw new InvalidInputException("step " + number
                            + " is empty: each step is a shift or a manual pause");
                    case ManualPause _ -> {
                        if (previous instanceof ManualPause) {
                            throw new InvalidInputException("steps " + i + " and " + number
                                    + " are both manual pauses: one pause already waits for a person");
                        }
                    }
                    case Shift shift -> {
                        if (shift.bake().compareTo(Schedules.MAX_BAKE) > 0) {
                            throw new InvalidInputException("step " + number + " bakes " + Durations.toHuman(shift.bake())
                                    + "; at most " + Durations.toHuman(Schedules.MAX_BAKE));
                        }
                        if (lastShift != null && shift.weight() < lastShift.weight()) {
                            throw new InvalidInputException("step " + number + " shifts to " + shift.weight()
                                    + "%, below the " + lastShift.weight() + "% of step " + lastShiftNumber
                                    + ": traffic to the new color only grows (an abort is what sends it back)");
                        }
                        lastShift = shift;
                        lastShiftNumber = number;
                    }
                }
                previous = step;
            }
        }
    }
}
