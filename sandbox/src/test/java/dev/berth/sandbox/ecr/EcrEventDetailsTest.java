package dev.berth.sandbox.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.TestPaths;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The details the sandbox's ECR sends have the fields, order and shapes of ECR's own (the samples in events/). */
class EcrEventDetailsTest {

    private static final String DIGEST = "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd7d2b1b4a";
    private static final String MANIFEST = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",\
            "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1,"digest":"sha256:aa"},"layers":[]}""";

    @Test
    void aPushIsTheSampleEventsDetailFieldForField() throws Exception {
        JsonNode request = object("repositoryName", "shop/web").put("imageTag", "v1.4.2").put("imageManifest", MANIFEST);
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.putObject("image").put("registryId", "123456789012").put("repositoryName", "shop/web").put("imageManifest", MANIFEST)
                .put("imageManifestMediaType", "application/vnd.docker.distribution.manifest.v2+json")
                .putObject("imageId").put("imageDigest", DIGEST).put("imageTag", "v1.4.2");

        ObjectNode detail = EcrEventDetails.push(request, answer);

        JsonNode sample = sample("ecr-push-success.json");
        assertThat(detail).isEqualTo(sample);
        assertThat(detail.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyElementsOf(() -> sample.fieldNames());
    }

    @Test
    void aPushByDigestHasNoTag() {
        JsonNode request = object("repositoryName", "shop/web").put("imageManifest", MANIFEST);
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.putObject("image").put("repositoryName", "shop/web").putObject("imageId").put("imageDigest", DIGEST);

        ObjectNode detail = EcrEventDetails.push(request, answer);

        assertThat(detail.has("image-tag")).isFalse();
        assertThat(detail.path("manifest-media-type").asText()).as("read from the manifest itself")
                .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    }

    @Test
    void anArtifactTypeWinsOverTheConfigsMediaType() {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"artifactType\":\"application/vnd.example.sbom\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\"}}";
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.putObject("image").put("repositoryName", "shop/web").putObject("imageId").put("imageDigest", DIGEST);

        ObjectNode detail = EcrEventDetails.push(object("repositoryName", "shop/web").put("imageManifest", manifest), answer);

        assertThat(detail.path("artifact-media-type").asText()).isEqualTo("application/vnd.example.sbom");
    }

    @Test
    void aDeleteIsOneEventPerDeletedImageIdLikeTheSample() throws Exception {
        JsonNode request = object("repositoryName", "shop/web");
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.putArray("imageIds").addObject().put("imageDigest", DIGEST).put("imageTag", "v1.4.2");
        answer.withArray("imageIds").addObject().put("imageDigest", DIGEST).put("imageTag", "latest");
        answer.putArray("failures");

        var details = EcrEventDetails.deletes(request, answer);

        assertThat(details).hasSize(2);
        assertThat(details.getFirst()).isEqualTo(sample("ecr-push-delete.json"));
        assertThat(details.getLast().path("image-tag").asText()).isEqualTo("latest");
    }

    private static ObjectNode object(String field, String value) {
        return Json.mapper().createObjectNode().put(field, value);
    }

    private static JsonNode sample(String file) throws Exception {
        return Json.mapper().readTree(Files.readString(TestPaths.projectRoot().resolve("events").resolve(file))).path("detail");
    }
}
