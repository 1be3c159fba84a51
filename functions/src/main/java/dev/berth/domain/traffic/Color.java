package dev.berth.domain.traffic;

import dev.berth.domain.InvalidInputException;
import java.util.Locale;

/** One of the two copies of a service that blue/green alternates between: one is live, the other takes the next revision. */
public enum Color {
    BLUE,
    GREEN;

    /** The color a deployment from this one goes to, and an undo goes back from. */
    public Color other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** As people and configuration write it: {@code blue}, {@code green}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A color as configured, in any case. */
    public static Color parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("a color is needed: blue or green");
        }
        for (Color color : values()) {
            if (color.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return color;
            }
        }
        throw new InvalidInputException("unknown color '" + text + "': Berth knows blue and green");
    }
}
