package dev.berth.domain.trigger;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import java.time.Instant;
import java.util.Set;

/**
 * A successful image push Berth may deploy.
 *
 * @param source where the push was heard: {@code ecr}, {@code dockerhub} or {@code api}
 * @param eventId the identity of the push event; a repeated event has the same id
 */
public record ImagePush(ImageReference image, String source, String eventId, Instant pushedAt) {

    /** The sources a push can come from. */
    public static final Set<String> SOURCES = Set.of("ecr", "dockerhub", "api");

    public ImagePush {
        if (image == null) {
            throw new InvalidInputException("a push needs an image");
        }
        if (source == null || !SOURCES.contains(source)) {
            throw new InvalidInputException("push source '" + source + "' must be one of ecr, dockerhub, api");
        }
        if (eventId == null || eventId.isBlank()) {
            throw new InvalidInputException("push of " + image + " has no event id");
        }
        if (pushedAt == null) {
            throw new InvalidInputException("push of " + image + " has no time");
        }
    }
}
