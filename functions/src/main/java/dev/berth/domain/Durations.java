package dev.berth.domain;

import java.time.Duration;

/** Durations written for people: {@code 5m}, {@code 1m30s}, {@code 6h}, {@code 250ms}. */
public final class Durations {

    private Durations() {}

    /** The shortest exact human form of a duration, largest unit first. */
    public static String toHuman(Duration duration) {
        if (duration.isNegative()) {
            return "-" + toHuman(duration.negated());
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.isEmpty() ? duration.toNanos() + "ns" : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
