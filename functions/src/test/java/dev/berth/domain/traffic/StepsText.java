package dev.berth.domain.traffic;

import dev.berth.domain.traffic.TrafficStep.ManualPause;
import dev.berth.domain.traffic.TrafficStep.Shift;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Steps written compactly for test tables: {@code 10@60} is a shift to 10% baking 60 seconds,
 * {@code pause} a manual pause, comma-separated ({@code null} for a missing entry).
 */
final class StepsText {

    private StepsText() {}

    static List<TrafficStep> parse(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .map(StepsText::step)
                .collect(Collectors.toList()); // allows the nulls some tables need
    }

    static String of(List<TrafficStep> steps) {
        return steps.stream()
                .map(step -> switch (step) {
                    case Shift shift -> shift.weight() + "@" + shift.bake().toSeconds();
                    case ManualPause _ -> "pause";
                })
                .collect(Collectors.joining(", "));
    }

    private static TrafficStep step(String token) {
        if (token.equals("pause")) {
            return new ManualPause();
        }
        if (token.equals("null")) {
            return null;
        }
        String[] parts = token.split("@");
        return new Shift(Integer.parseInt(parts[0]), Duration.ofSeconds(Long.parseLong(parts[1])));
    }
}
