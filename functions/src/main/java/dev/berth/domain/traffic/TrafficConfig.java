package dev.berth.domain.traffic;

import dev.berth.domain.InvalidInputException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link TrafficSchedule} from configuration fields. Errors name fields as the JSON spells
 * them, since that is what the person has to edit.
 */
final class TrafficConfig {

    private static final String KINDS = "Berth knows all-at-once, canary, linear, steps";

    private TrafficConfig() {}

    static TrafficSchedule parse(String kind, Integer weight, Long bakeSeconds, Integer stepWeight, Long intervalSeconds,
            List<TrafficStep> steps) {
        if (kind == null || kind.isBlank()) {
            throw new InvalidInputException("traffic needs a 'kind': " + KINDS);
        }
        // Every field, named as configured, so a field set for another kind is caught instead of ignored.
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("weight", weight);
        fields.put("bakeSeconds", bakeSeconds);
        fields.put("stepWeight", stepWeight);
        fields.put("intervalSeconds", intervalSeconds);
        fields.put("steps", steps);
        return switch (kind.strip().toLowerCase(Locale.ROOT)) {
            case "all-at-once" -> {
                onlyUses("all-at-once", fields, List.of());
                yield new TrafficSchedule.AllAtOnce();
            }
            case "canary" -> {
                onlyUses("canary", fields, List.of("weight", "bakeSeconds"));
                yield new TrafficSchedule.Canary(
                        required(weight, "canary needs 'weight' (1-99, the percentage of traffic the canary gets)"),
                        Duration.ofSeconds(required(bakeSeconds,
                                "canary needs 'bakeSeconds' (1-86400, how long the canary is watched before all traffic follows)")));
            }
            case "linear" -> {
                onlyUses("linear", fields, List.of("stepWeight", "intervalSeconds"));
                yield new TrafficSchedule.Linear(
                        required(stepWeight, "linear needs 'stepWeight' (1-99, the percentage added at each step)"),
                        Duration.ofSeconds(required(intervalSeconds,
                                "linear needs 'intervalSeconds' (1-86400, how long each step is watched before the next)")));
            }
            case "steps" -> {
                onlyUses("steps", fields, List.of("steps"));
                yield new TrafficSchedule.Steps(required(steps,
                        "steps needs 'steps' (1-50 shifts and manual pauses, in order)"));
            }
            default -> throw new InvalidInputException("unknown traffic kind '" + kind + "': " + KINDS);
        };
    }

    private static void onlyUses(String kind, Map<String, Object> fields, List<String> used) {
        fields.forEach((name, value) -> {
            if (value != null && !used.contains(name)) {
                throw new InvalidInputException(kind + " does not use '" + name + "': it takes "
                        + (used.isEmpty() ? "no settings" : "'" + String.join("' and '", used) + "'"));
            }
        });
    }

    private static <T> T required(T value, String message) {
        if (value == null) {
            throw new InvalidInputException(message);
        }
        return value;
    }
}
