package dev.berth.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A container definition's {@code healthCheck}, as ECS reads it: its defaults and its ranges. The command
 * itself is the image's business; the sandbox's image behaviours decide whether it passes.
 *
 * @param interval    time between two checks (5–300 s, default 30)
 * @param timeout     how long one check may take before it counts as failed (2–120 s, default 5). Validated
 *                    and kept, not simulated: a failing check of the sandbox fails at once, as a command
 *                    whose request is refused does, so only the interval paces the checks
 * @param retries     consecutive failures that make the container UNHEALTHY (1–10, default 3)
 * @param startPeriod grace after the container starts in which failures do not count (0–300 s, default 0)
 */
public record ContainerHealthCheck(Duration interval, Duration timeout, int retries, Duration startPeriod) {

    public ContainerHealthCheck {
        requireSeconds("interval", interval.toSeconds(), 5, 300);
        requireSeconds("timeout", timeout.toSeconds(), 2, 120);
        requireSeconds("startPeriod", startPeriod.toSeconds(), 0, 300);
        if (retries < 1 || retries > 10) {
            throw new IllegalArgumentException("healthCheck retries must be between 1 and 10, got " + retries);
        }
    }

    /** A check with every setting left to ECS's default. */
    public static ContainerHealthCheck defaults() {
        return new ContainerHealthCheck(Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ZERO);
    }

    /** Reads a container definition's {@code healthCheck} object; absent fields take ECS's defaults. */
    static ContainerHealthCheck of(JsonNode healthCheck) {
        ContainerHealthCheck defaults = defaults();
        return new ContainerHealthCheck(
                seconds(healthCheck, "interval", defaults.interval()),
                seconds(healthCheck, "timeout", defaults.timeout()),
                healthCheck.hasNonNull("retries") ? wholeNumber(healthCheck, "retries") : defaults.retries(),
                seconds(healthCheck, "startPeriod", defaults.startPeriod()));
    }

    private static Duration seconds(JsonNode healthCheck, String field, Duration otherwise) {
        return healthCheck.hasNonNull(field) ? Duration.ofSeconds(wholeNumber(healthCheck, field)) : otherwise;
    }

    private static int wholeNumber(JsonNode healthCheck, String field) {
        JsonNode value = healthCheck.get(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("healthCheck " + field + " must be a whole number, got " + value);
        }
        return value.asInt();
    }

    private static void requireSeconds(String field, long seconds, int min, int max) {
        if (seconds < min || seconds > max) {
            throw new IllegalArgumentException("healthCheck " + field + " must be between " + min + " and " + max
                    + " seconds, got " + seconds);
        }
    }
}
