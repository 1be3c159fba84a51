package dev.berth.domain.traffic;

import dev.berth.domain.Durations;
import dev.berth.domain.InvalidInputException;
import dev.berth.domain.traffic.TrafficStep.ManualPause;
import dev.berth.domain.traffic.TrafficStep.Shift;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the kinds of {@link TrafficSchedule} share: the closing shift, the bounds of a bake, the manual gate. */
final class Schedules {

    /**
     * Every schedule ends here. It bakes nothing because the bake at full traffic is the strategy's final
     * bake, which applies alike whatever the schedule.
     */
    static final Shift FULL = new Shift(100, Duration.ZERO);

    static final Duration MIN_BAKE = Duration.ofSeconds(1);
    /** A step that holds a day is already a person's job; longer is more likely a unit mistake. */
    static final Duration MAX_BAKE = Duration.ofHours(24);

    private Schedules() {}

    /** Rejects a bake outside 1s to 24h, naming the setting both as people read it and as it is configured. */
    static void requireBake(String what, String field, Duration bake) {
        if (bake == null) {
            throw new InvalidInputException(what + " is missing ('" + field + "', " + MIN_BAKE.toSeconds() + "-"
                    + MAX_BAKE.toSeconds() + ")");
        }
        if (bake.compareTo(MIN_BAKE) < 0 || bake.compareTo(MAX_BAKE) > 0) {
            throw new InvalidInputException(what + " " + Durations.toHuman(bake) + " must be between "
                    + Durations.toHuman(MIN_BAKE) + " and " + Durations.toHuman(MAX_BAKE) + " ('" + field + "' "
                    + MIN_BAKE.toSeconds() + "-" + MAX_BAKE.toSeconds() + ")");
        }
    }

    /**
     * The steps, with a manual pause right before the first shift to 100% when the gate is on (the closing shift,
     * unless the list reaches 100% earlier): a person then decides whether the new color takes all traffic, before
     * it does. A pause already there is the gate, and a second one would only make the same person promote twice.
     */
    static List<TrafficStep> gate(List<TrafficStep> steps, boolean manualGate) {
        List<TrafficStep> gated = new ArrayList<>(steps);
        int full = 0;
        while (!(gated.get(full) instanceof TrafficStep.Shift shift && shift.weight() == 100)) {
            full++;
        }
        if (manualGate && (full == 0 || !(gated.get(full - 1) instanceof ManualPause))) {
            gated.add(full, new ManualPause());
        }
        return List.copyOf(gated);
    }
}
