package dev.berth.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.domain.InvalidInputException;
import dev.berth.json.Json;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.ecr.EcrLayersInterceptor;
import dev.berth.sandbox.ecr.LayerStore;
import dev.berth.sandbox.gateway.Gateway;
import dev.berth.sandbox.gateway.HttpForwarder;
import dev.berth.sandbox.moto.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;

/**
 * Pushed images read back as Berth's pre-flight reads them: BatchGetImage by digest, then an index's
 * platforms or a manifest's config blob through GetDownloadUrlForLayer and a plain GET.
 */
class ImagePusherTest {

    private static final List<String> ACCEPTED = List.of("application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json");

    @TempDir
    static Path logs;
    static Gateway gateway;
    static MotoServer moto;
    static HttpForwarder toMoto;
    static EcrClient ecr;
    static ImagePusher pusher;
    static final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @BeforeAll
    static void startMoto() throws Exception {
        gateway = Gateway.start(0, Optional.empty());
        moto = MotoServer.start(gateway.port(), logs.resolve("moto.log"), Duration.ofSeconds(60));
        toMoto = new HttpForwarder("moto", moto.endpoint(), Duration.ofSeconds(30));
        ecr = SandboxClients.client(EcrClient.builder(), gateway.endpoint(), "us-east-1");
        pusher = new ImagePusher(SandboxClients.at(gateway.endpoint(), "us-east-1"), "123456789012", "us-east-1");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        toMoto.close();
        moto.close();
    }

    @BeforeEach
    void freshRegistry() {
        moto.reset();
        gateway.route(new Gateway.Routes(List.of(new EcrLayersInterceptor(new LayerStore())), toMoto, toMoto));
    }

    @Test
    void aSingleArchPushNamesARealConfigBlobThatSaysItsPlatform() throws Exception {
        List<String> digestsBefore = new ArrayList<>();
        ImagePusher.PushedImage pushed = pusher.push("shop/web", "1.0.0", "linux/arm64", digestsBefore::add);

        Image image = image("shop/web", pushed.digest());
        assertThat(digestsBefore).containsExactly(pushed.digest());
        assertThat(image.imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        JsonNode config = Json.mapper().readTree(image.imageManifest()).path("config");
        byte[] blob = download("shop/web", config.path("digest").asText());
        assertThat(blob).hasSize(config.path("size").asInt());
        JsonNode platform = Json.mapper().readTree(blob);
        assertThat(platform.path("os").asText()).isEqualTo("linux");
        assertThat(platform.path("architecture").asText()).isEqualTo("arm64");
    }

    @Test
    void theDefaultPushIsLinuxAmd64() throws Exception {
        ImagePusher.PushedImage pushed = pusher.push("shop/web", "1.0.0");

        JsonNode config = Json.mapper().readTree(image("shop/web", pushed.digest()).imageManifest()).path("config");
        JsonNode platform = Json.mapper().readTree(download("shop/web", config.path("digest").asText()));
        assertThat(platform.path("architecture").asText()).isEqualTo("amd64");
        assertThat(platform.path("os").asText()).isEqualTo("linux");
    }

    @Test
    void aMultiArchPushIsAnIndexOfPlatformsEachWithItsOwnConfig() throws Exception {
        ImagePusher.PushedImage pushed = pusher.pushMultiArch("shop/web", "2.0.0", List.of("linux/amd64", "linux/arm/v7"));

        Image index = image("shop/web", pushed.digest());
        assertThat(index.imageManifestMediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
        JsonNode manifests = Json.mapper().readTree(index.imageManifest()).path("manifests");
        assertThat(manifests).extracting(entry -> entry.path("platform").path("os").asText() + "/"
                        + entry.path("platform").path("architecture").asText() + entry.path("platform").path("variant").asText(""))
                .containsExactly("linux/amd64", "linux/armv7");
        for (JsonNode entry : manifests) {
            JsonNode config = Json.mapper().readTree(image("shop/web", entry.path("digest").asText()).imageManifest()).path("config");
            JsonNode platform = Json.mapper().readTree(download("shop/web", config.path("digest").asText()));
            assertThat(platform.path("architecture").asText()).isEqualTo(entry.path("platform").path("architecture").asText());
        }
    }

    @Test
    void platformsThatAreNotOsSlashArchitectureAreRefused() {
        assertThatThrownBy(() -> pusher.push("shop/web", "1.0.0", "arm64", digest -> {}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("os/architecture");
        assertThatThrownBy(() -> pusher.pushMultiArch("shop/web", "1.0.0", List.of("linux/amd64", "linux/amd64")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> pusher.pushMultiArch("shop/web", "1.0.0", List.of()))
                .isInstanceOf(InvalidInputException.class);
    }

    private static Image image(String repository, String digest) {
        return ecr.batchGetImage(b -> b.repositoryName(repository).registryId("123456789012").acceptedMediaTypes(ACCEPTED)
                .imageIds(id -> id.imageDigest(digest))).images().getFirst();
    }

    private static byte[] download(String repository, String digest) throws Exception {
        String url = ecr.getDownloadUrlForLayer(b -> b.repositoryName(repository).registryId("123456789012").layerDigest(digest))
                .downloadUrl();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
