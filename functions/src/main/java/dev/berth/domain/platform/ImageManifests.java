package dev.berth.domain.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.domain.InvalidInputException;
import dev.berth.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads platforms out of what a registry serves: an image index (OCI) or manifest list (Docker) lists each
 * platform's manifest with its platform; a single image manifest does not, but names its config blob, whose
 * JSON carries {@code os} and {@code architecture}.
 */
public final class ImageManifests {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** What to ask a registry for, indexes first: ECR otherwise converts an index to one platform's manifest. */
    public static final List<String> ACCEPTED = List.of(OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    /** A manifest read: the platforms of an index, or the digest of a single image's config blob. */
    public sealed interface Read {
        record Index(List<ImagePlatform> platforms) implements Read {}

        record SingleImage(String configDigest) implements Read {}
    }

    private ImageManifests() {}

    /**
     * @param mediaType the media type the registry gave it (ECR's {@code imageManifestMediaType}); the manifest's own
     *                  {@code mediaType} field when empty
     */
    public static Read read(String manifest, Optional<String> mediaType) {
        JsonNode root = parse(manifest, "image manifest");
        String type = mediaType.filter(t -> !t.isBlank()).orElse(root.path("mediaType").asText(""));
        if (type.equals(OCI_INDEX) || type.equals(DOCKER_MANIFEST_LIST) || (type.isEmpty() && root.has("manifests"))) {
            List<ImagePlatform> platforms = new ArrayList<>();
            for (JsonNode entry : root.path("manifests")) {
                JsonNode platform = entry.path("platform");
                if (platform.hasNonNull("os") && platform.hasNonNull("architecture")) {
                    platforms.add(platform(platform));
                }
            }
            return new Read.Index(platforms);
        }
        String config = root.path("config").path("digest").asText("");
        if (config.isEmpty()) {
            throw new InvalidInputException("the image manifest (" + (type.isEmpty() ? "no media type" : type)
                    + ") names neither platforms nor a config blob");
        }
        return new Read.SingleImage(config);
    }

    /** The platform an image config names. */
    public static ImagePlatform config(String json) {
        JsonNode root = parse(json, "image config");
        if (!root.hasNonNull("os") || !root.hasNonNull("architecture")) {
            throw new InvalidInputException("the image config names no os and architecture");
        }
        return platform(root);
    }

    private static ImagePlatform platform(JsonNode node) {
        return new ImagePlatform(node.path("os").asText(), node.path("architecture").asText(),
                Optional.ofNullable(node.get("variant")).map(JsonNode::asText),
                Optional.ofNullable(node.get("os.version")).map(JsonNode::asText));
    }

    private static JsonNode parse(String json, String what) {
        try {
            JsonNode root = Json.mapper().readTree(json == null ? "" : json);
            if (root == null || !root.isObject()) {
                throw new InvalidInputException("the " + what + " is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new InvalidInputException("the " + what + " is not JSON: " + e.getMessage());
        }
    }
}
