package dev.berth.sandbox.ecs.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.ecs.ImageBehaviour;
import dev.berth.sandbox.ecs.Scenario;
import dev.berth.sandbox.gateway.ControlBodies;
import dev.berth.sandbox.gateway.ControlRequestException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The JSON of {@code /_berth/images}: a behaviour as {@code {"behaviour": "healthy" | "unhealthy" |
 * "container-unhealthy" | "slow" | "crash" | "flaky", "startDelaySeconds": n, "failureRatio": r, "applyToRunning": true}},
 * and an entry as {@code {"image", "match", "behaviour", ...}}.
 */
final class ImageBehaviourJson {

    /** What a PUT asks for. */
    record Request(ImageBehaviour behaviour, boolean applyToRunning) {}

    static final List<String> BEHAVIOURS = List.of("healthy", "unhealthy", "container-unhealthy", "slow", "crash", "flaky");
    private static final Set<String> FIELDS = Set.of("behaviour", "startDelaySeconds", "failureRatio", "applyToRunning");

    private ImageBehaviourJson() {}

    /** Reads a PUT body; every problem is a 400 naming the field and what it takes. */
    static Request request(byte[] body) {
        ObjectNode object = ControlBodies.object(body, FIELDS, "{\"behaviour\": \"unhealthy\"}");
        JsonNode name = object.get("behaviour");
        if (name == null || !name.isTextual()) {
            throw bad("InvalidBehaviour", "\"behaviour\" is required: one of " + BEHAVIOURS);
        }
        ImageBehaviour behaviour = switch (name.asText()) {
            case "healthy" -> ImageBehaviour.healthy();
            case "unhealthy" -> ImageBehaviour.unhealthy();
            case "container-unhealthy" -> ImageBehaviour.containerUnhealthy();
            case "crash" -> ImageBehaviour.crashOnStart();
            case "slow" -> ImageBehaviour.slowStart(startDelay(object));
            case "flaky" -> ImageBehaviour.flaky(failureRatio(object));
            default -> throw bad("InvalidBehaviour", "unknown behaviour \"" + name.asText() + "\": one of " + BEHAVIOURS);
        };
        if (object.has("startDelaySeconds") && !(behaviour instanceof ImageBehaviour.SlowStart)) {
            throw bad("InvalidRequest", "\"startDelaySeconds\" is for \"slow\" only");
        }
        if (object.has("failureRatio") && !(behaviour instanceof ImageBehaviour.Flaky)) {
            throw bad("InvalidRequest", "\"failureRatio\" is for \"flaky\" only");
        }
        JsonNode apply = object.get("applyToRunning");
        if (apply != null && !apply.isBoolean()) {
            throw bad("InvalidRequest", "\"applyToRunning\" must be true or false");
        }
        return new Request(behaviour, apply != null && apply.asBoolean());
    }

    /** One entry of what is set. */
    static ObjectNode entry(Scenario.Rule rule) {
        ObjectNode entry = Json.mapper().createObjectNode()
                .put("image", rule.selector().text())
                .put("match", rule.selector().kind());
        switch (rule.behaviour()) {
            case ImageBehaviour.Healthy h -> entry.put("behaviour", "healthy");
            case ImageBehaviour.Unhealthy u -> entry.put("behaviour", "unhealthy");
            case ImageBehaviour.ContainerUnhealthy c -> entry.put("behaviour", "container-unhealthy");
            case ImageBehaviour.CrashOnStart c -> entry.put("behaviour", "crash");
            case ImageBehaviour.SlowStart(Duration extra) -> {
                entry.put("behaviour", "slow");
                if (extra.toMillis() % 1000 == 0) {
                    entry.put("startDelaySeconds", extra.toSeconds());
                } else {
                    entry.put("startDelaySeconds", extra.toMillis() / 1000.0);
                }
            }
            case ImageBehaviour.Flaky(double ratio) -> entry.put("behaviour", "flaky").put("failureRatio", ratio);
        }
        return entry;
    }

    private static Duration startDelay(ObjectNode object) {
        JsonNode delay = object.get("startDelaySeconds");
        if (delay == null || !delay.isNumber()) {
            throw bad("InvalidBehaviour", "\"slow\" needs \"startDelaySeconds\": how many (sim) seconds the app takes to start");
        }
        if (delay.asDouble() < 0) {
            throw bad("InvalidBehaviour", "\"startDelaySeconds\" must not be negative, got " + delay);
        }
        return Duration.ofMillis(Math.round(delay.asDouble() * 1000));
    }

    private static double failureRatio(ObjectNode object) {
        JsonNode ratio = object.get("failureRatio");
        if (ratio == null || !ratio.isNumber()) {
            throw bad("InvalidBehaviour", "\"flaky\" needs \"failureRatio\": the share of health checks that fail, 0 to 1");
        }
        if (!(ratio.asDouble() >= 0 && ratio.asDouble() <= 1)) {
            throw bad("InvalidBehaviour", "\"failureRatio\" must be between 0 and 1, got " + ratio);
        }
        return ratio.asDouble();
    }

    private static ControlRequestException bad(String code, String message) {
        return ControlRequestException.badRequest(code, message);
    }
}
