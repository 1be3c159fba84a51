package dev.berth.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.ecr.ImagePlatform;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Upstream;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads which platforms an image in the sandbox's ECR is built for, as a pull does: the manifest by
 * digest ({@code BatchGetImage}); an index lists its platforms; a single manifest's platform is in its
 * config blob ({@code GetDownloadUrlForLayer}, then a GET of the URL). Unknown when any of it is missing.
 */
final class ImagePlatformReader {

    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
    private static final List<String> ACCEPTED = List.of("application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json");

    private final Upstream registry;
    private final String region;
    private final String registryId;
    private final String repository;

    ImagePlatformReader(Upstream registry, String region, String registryId, String repository) {
        this.registry = registry;
        this.region = region;
        this.registryId = registryId;
        this.repository = repository;
    }

    ImagePlatforms platforms(String digest) throws IOException {
        ObjectNode body = request();
        body.putArray("imageIds").addObject().put("imageDigest", digest);
        ACCEPTED.forEach(body.putArray("acceptedMediaTypes")::add);
        Optional<JsonNode> answer = call("BatchGetImage", body);
        String manifestText = answer.map(found -> found.path("images").path(0).path("imageManifest").asText("")).orElse("");
        if (manifestText.isEmpty()) {
            return ImagePlatforms.unknown();
        }
        JsonNode manifest = Json.mapper().readTree(manifestText);
        if (manifest.path("manifests").isArray()) {
            Set<ImagePlatform> platforms = new HashSet<>();
            for (JsonNode entry : manifest.path("manifests")) {
                platform(entry.path("platform")).ifPresent(platforms::add);
            }
            return new ImagePlatforms.Index(platforms);
        }
        String config = manifest.path("config").path("digest").asText("");
        return config.isEmpty() ? ImagePlatforms.unknown()
                : configBlob(config).flatMap(ImagePlatformReader::platform)
                        .<ImagePlatforms>map(ImagePlatforms.Single::new).orElseGet(ImagePlatforms::unknown);
    }

    private Optional<JsonNode> configBlob(String digest) throws IOException {
        Optional<String> url = call("GetDownloadUrlForLayer", request().put("layerDigest", digest))
                .map(answer -> answer.path("downloadUrl").asText("")).filter(found -> !found.isEmpty());
        if (url.isEmpty()) {
            return Optional.empty(); // a config never uploaded (a manifest put with the AWS CLI alone)
        }
        // The URL points at the sandbox's own gateway: fetched through the chain, as the task's pull would.
        URI uri = URI.create(url.get());
        AwsResponse blob = registry.send(new AwsRequest("GET", uri.getRawPath(), Optional.ofNullable(uri.getRawQuery()).orElse(""),
                Map.of(), new byte[0], "", Optional.empty()));
        return blob.status() == 200 ? Optional.of(Json.mapper().readTree(blob.body())) : Optional.empty();
    }

    private Optional<JsonNode> call(String action, ObjectNode body) throws IOException {
        AwsResponse response = registry.send(EmulatorCall.json11("ecr", TARGET + action, region, registryId, body));
        return response.status() == 200 ? Optional.of(Json.mapper().readTree(response.body())) : Optional.empty();
    }

    private ObjectNode request() {
        return Json.mapper().createObjectNode().put("repositoryName", repository).put("registryId", registryId);
    }

    private static Optional<ImagePlatform> platform(JsonNode node) {
        String os = node.path("os").asText("");
        String architecture = node.path("architecture").asText("");
        if (os.isEmpty() || architecture.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ImagePlatform(os, architecture, Optional.of(node.path("variant").asText(""))
                    .filter(variant -> !variant.isEmpty())));
        } catch (RuntimeException e) {
            return Optional.empty(); // a platform the sandbox cannot read is one it does not hold against the task
        }
    }
}
