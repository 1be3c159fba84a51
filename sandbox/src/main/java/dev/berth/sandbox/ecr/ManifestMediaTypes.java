package dev.berth.sandbox.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * What the sandbox reads out of stored manifests: the media type ECR reports for each image of a
 * {@code BatchGetImage} (moto leaves {@code imageManifestMediaType} out unless PutImage was given one)
 * and the blobs an image manifest names.
 */
final class ManifestMediaTypes {

    private ManifestMediaTypes() {}

    /**
     * moto's BatchGetImage answer with each image's {@code imageManifestMediaType} set from the manifest's
     * own {@code mediaType} where moto left it out. {@code acceptedMediaTypes} stays ignored, as moto does:
     * ECR's reference does not say what it answers for a stored type the caller did not accept.
     */
    static AwsResponse fillIn(AwsResponse answer) throws IOException {
        if (answer.status() != 200) {
            return answer;
        }
        JsonNode body = Json.mapper().readTree(answer.body());
        boolean changed = false;
        for (JsonNode image : body.path("images")) {
            if (image instanceof ObjectNode node && node.path("imageManifestMediaType").asText("").isEmpty()) {
                String type = parse(node.path("imageManifest").asText("")).path("mediaType").asText("");
                if (!type.isEmpty()) {
                    node.put("imageManifestMediaType", type);
                    changed = true;
                }
            }
        }
        return changed ? AwsResponse.json(200, body.toString(), "application/x-amz-json-1.1") : answer;
    }

    /** The config and layer digests an image manifest names (none for an index, which names manifests). */
    static Set<String> blobDigests(String manifestText) {
        JsonNode manifest = parse(manifestText);
        Set<String> digests = new HashSet<>();
        String config = manifest.path("config").path("digest").asText("");
        if (!config.isEmpty()) {
            digests.add(config);
        }
        manifest.path("layers").forEach(layer -> digests.add(layer.path("digest").asText()));
        return digests;
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            return node == null ? Json.mapper().missingNode() : node;
        } catch (IOException e) {
            return Json.mapper().missingNode();
        }
    }
}
