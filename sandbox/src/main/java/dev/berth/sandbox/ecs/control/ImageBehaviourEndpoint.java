package dev.berth.sandbox.ecs.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.InvalidInputException;
import dev.berth.json.Json;
import dev.berth.sandbox.ecs.ImageBehaviours;
import dev.berth.sandbox.ecs.Scenario;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.ControlRequestException;
import dev.berth.sandbox.gateway.ControlResponses;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import java.util.Optional;

/**
 * {@code /_berth/images}: how images behave in the sandbox, settable by anyone who can reach its endpoint.
 * <ul>
 *   <li>{@code PUT /_berth/images/{image}} with {@code {"behaviour": ..., "startDelaySeconds": n,
 *       "failureRatio": r, "applyToRunning": true}}, where {@code image} is {@code repository},
 *       {@code repository:tag} or {@code repository@sha256:...} (a registry prefix optional) — answers the entry,
 *       plus {@code runningTasksChanged} when applied to running tasks;</li>
 *   <li>{@code GET /_berth/images} — {@code {"images": [entries]}}; {@code GET /_berth/images/{image}} — one;</li>
 *   <li>{@code DELETE /_berth/images/{image}} forgets one (answers it); {@code DELETE /_berth/images} forgets all.</li>
 * </ul>
 * Errors: {@code {"error": {"code", "message"}}} with 400, 404 or 405.
 */
public final class ImageBehaviourEndpoint implements Interceptor {

    private static final String ROOT = "/_berth/images";

    private final ImageBehaviours images;

    public ImageBehaviourEndpoint(ImageBehaviours images) {
        this.images = images;
    }

    @Override
    public Optional<AwsResponse> handle(AwsRequest request, Upstream next) {
        String path = request.path();
        if (!path.equals(ROOT) && !path.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        try {
            String image = path.length() > ROOT.length() + 1 ? ControlResponses.decoded(path.substring(ROOT.length() + 1)) : "";
            return Optional.of(image.isEmpty() ? all(request) : one(request, image));
        } catch (ControlRequestException rejected) {
            return Optional.of(ControlResponses.error(rejected));
        } catch (InvalidInputException badReference) {
            return Optional.of(ControlResponses.error(400, "InvalidImageReference", badReference.getMessage()
                    + " (expected repository, repository:tag or repository@sha256:<64 hex digits>)"));
        }
    }

    private AwsResponse all(AwsRequest request) {
        return switch (request.method()) {
            case "GET" -> ControlResponses.json(200, list());
            case "DELETE" -> {
                images.clear();
                yield ControlResponses.json(200, list());
            }
            default -> ControlResponses.methodNotAllowed(request, "GET", "DELETE");
        };
    }

    private AwsResponse one(AwsRequest request, String image) {
        return switch (request.method()) {
            case "PUT" -> {
                ImageBehaviourJson.Request asked = ImageBehaviourJson.request(request.body());
                if (asked.applyToRunning()) {
                    int changed = images.setIncludingRunning(image, asked.behaviour());
                    yield ControlResponses.json(200, entry(image).put("runningTasksChanged", changed));
                }
                images.set(image, asked.behaviour());
                yield ControlResponses.json(200, entry(image));
            }
            case "GET" -> images.get(image)
                    .map(rule -> ControlResponses.json(200, ImageBehaviourJson.entry(rule)))
                    .orElseGet(() -> notSet(image));
            case "DELETE" -> {
                Optional<Scenario.Rule> rule = images.get(image);
                if (rule.isEmpty()) {
                    yield notSet(image);
                }
                images.forget(image);
                yield ControlResponses.json(200, ImageBehaviourJson.entry(rule.get()));
            }
            default -> ControlResponses.methodNotAllowed(request, "PUT", "GET", "DELETE");
        };
    }

    private ObjectNode entry(String image) {
        return ImageBehaviourJson.entry(images.get(image).orElseThrow());
    }

    private ObjectNode list() {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode entries = body.putArray("images");
        images.list().forEach(rule -> entries.add(ImageBehaviourJson.entry(rule)));
        return body;
    }

    private static AwsResponse notSet(String image) {
        return ControlResponses.error(404, "ImageNotSet", "no behaviour is set for " + image
                + " (it behaves healthy); GET /_berth/images lists what is set");
    }
}
