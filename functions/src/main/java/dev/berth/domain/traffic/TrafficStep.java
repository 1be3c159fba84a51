package dev.berth.domain.traffic;

import dev.berth.domain.Durations;
import dev.berth.domain.InvalidInputException;
import java.time.Duration;

/**
 * One step of a blue/green traffic schedule. Every configured kind (canary, linear, an explicit list)
 * comes down to these two, so whatever runs a schedule needs to know only how to shift and how to wait.
 */
public sealed interface TrafficStep {

    /**
     * Routes {@code weight}% of production traffic to the new color, then bakes: holds it there for
     * {@code bake} while alarms and health are watched, so a bad revision is caught while it has only
     * part of the traffic.
     *
     * @param weight the new color's share of traffic: 0 to 100 percent
     * @param bake how long to hold and watch before the next step: 0s or more
     */
    record Shift(int weight, Duration bake) implements TrafficStep {

        public Shift {
            if (weight < 0 || weight > 100) {
                throw new InvalidInputException("a shift's weight " + weight + "% must be between 0% and 100%");
            }
            if (bake == null) {
                throw new InvalidInputException("a shift to " + weight + "% needs a bake (0s to move on at once)");
            }
            if (bake.isNegative()) {
                throw new InvalidInputException("a shift to " + weight + "% bakes " + Durations.toHuman(bake)
                        + ": a bake cannot be negative");
            }
        }
    }

    /** Waits, with traffic where the step before left it, until a person promotes or aborts. */
    record ManualPause() implements TrafficStep {}
}
