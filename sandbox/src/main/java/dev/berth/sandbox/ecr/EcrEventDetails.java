package dev.berth.sandbox.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code detail} of the "ECR Image Action" events ECR sends, made from a call and moto's answer to
 * it, with the fields and shapes of ECR's own: {@code result}, {@code repository-name},
 * {@code image-digest} (the digest the registry gave), {@code action-type}, and for a push the
 * {@code image-tag} it was tagged with, {@code manifest-media-type} and {@code artifact-media-type}.
 */
final class EcrEventDetails {

    static final String SOURCE = "aws.ecr";
    static final String DETAIL_TYPE = "ECR Image Action";

    private EcrEventDetails() {}

    /**
     * The PUSH of a successful PutImage. For an image manifest the artifact media type is its
     * {@code artifactType} or else its config's media type (OCI's rule); an image index or manifest list
     * has no config, so it carries one only when it names an {@code artifactType}.
     */
    static ObjectNode push(JsonNode request, JsonNode answer) {
        JsonNode image = answer.path("image");
        JsonNode manifest = manifest(image.path("imageManifest").asText(request.path("imageManifest").asText("")));
        ObjectNode detail = Json.mapper().createObjectNode()
                .put("result", "SUCCESS")
                .put("repository-name", image.path("repositoryName").asText(request.path("repositoryName").asText()))
                .put("image-digest", image.path("imageId").path("imageDigest").asText())
                .put("action-type", "PUSH");
        artifactMediaType(manifest).ifPresent(type -> detail.put("artifact-media-type", type));
        text(request, "imageTag").ifPresent(tag -> detail.put("image-tag", tag));
        text(image, "imageManifestMediaType").or(() -> text(request, "imageManifestMediaType")).or(() -> text(manifest, "mediaType"))
                .ifPresent(type -> detail.put("manifest-media-type", type));
        return detail;
    }

    /** One DELETE per image id a successful BatchDeleteImage deleted (one per tag of an image with several). */
    static List<ObjectNode> deletes(JsonNode request, JsonNode answer) {
        List<ObjectNode> actions = new ArrayList<>();
        for (JsonNode deleted : answer.path("imageIds")) {
            ObjectNode detail = Json.mapper().createObjectNode()
                    .put("result", "SUCCESS")
                    .put("repository-name", request.path("repositoryName").asText())
                    .put("image-digest", deleted.path("imageDigest").asText())
                    .put("action-type", "DELETE");
            text(deleted, "imageTag").ifPresent(tag -> detail.put("image-tag", tag));
            actions.add(detail);
        }
        return actions;
    }

    private static Optional<String> artifactMediaType(JsonNode manifest) {
        return text(manifest, "artifactType").or(() -> text(manifest.path("config"), "mediaType"));
    }

    private static JsonNode manifest(String text) {
        try {
            JsonNode manifest = Json.mapper().readTree(text);
            return manifest == null ? Json.mapper().missingNode() : manifest;
        } catch (IOException e) {
            return Json.mapper().missingNode();
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}
