package dev.berth.sandbox.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.gateway.Gateway;
import dev.berth.sandbox.gateway.HttpForwarder;
import dev.berth.sandbox.moto.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.InvalidLayerException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;
import software.amazon.awssdk.services.ecr.model.LayerFailureCode;
import software.amazon.awssdk.services.ecr.model.LayerInaccessibleException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** ECR's layer API as the sandbox answers it, through the real SDK against the gateway and a real moto. */
class EcrLayersInterceptorTest {

    private static final String REPOSITORY = "shop/web";

    @TempDir
    static Path logs;
    static Gateway gateway;
    static MotoServer moto;
    static HttpForwarder toMoto;
    static EcrClient ecr;
    static final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    final LayerStore store = new LayerStore();

    @BeforeAll
    static void startMoto() throws Exception {
        gateway = Gateway.start(0, Optional.empty());
        moto = MotoServer.start(gateway.port(), logs.resolve("moto.log"), Duration.ofSeconds(60));
        toMoto = new HttpForwarder("moto", moto.endpoint(), Duration.ofSeconds(30));
        ecr = SandboxClients.client(EcrClient.builder(), gateway.endpoint(), "us-east-1");
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
        gateway.route(new Gateway.Routes(List.of(new EcrLayersInterceptor(store)), toMoto, toMoto));
        ecr.createRepository(b -> b.repositoryName(REPOSITORY));
    }

    @Test
    void anUploadedBlobAnImageNamesDownloadsFromItsUrlWithoutCredentials() throws Exception {
        byte[] config = "{\"architecture\":\"arm64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        String digest = upload(config, 16);

        assertThat(ecr.batchCheckLayerAvailability(b -> b.repositoryName(REPOSITORY).layerDigests(digest)).layers())
                .singleElement().satisfies(layer -> {
                    assertThat(layer.layerAvailability()).isEqualTo(LayerAvailability.AVAILABLE);
                    assertThat(layer.layerSize()).isEqualTo(config.length);
                });
        // Uploaded, but no image names it yet: ECR does not hand it out.
        assertThatThrownBy(() -> ecr.getDownloadUrlForLayer(b -> b.repositoryName(REPOSITORY).layerDigest(digest)))
                .isInstanceOf(LayerInaccessibleException.class);

        ecr.putImage(b -> b.repositoryName(REPOSITORY).imageTag("1.0.0").imageManifest(manifestNaming(digest, config.length)));
        var answer = ecr.getDownloadUrlForLayer(b -> b.repositoryName(REPOSITORY).registryId("123456789012").layerDigest(digest));

        assertThat(answer.layerDigest()).isEqualTo(digest);
        assertThat(answer.downloadUrl()).startsWith(gateway.endpoint() + "/_berth/ecr/blobs/").contains("X-Amz-Expires=3600");
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(answer.downloadUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(config);
    }

    @Test
    void aDigestThatIsNotTheBytesIsRefusedAndNothingIsStored() {
        String uploadId = ecr.initiateLayerUpload(b -> b.repositoryName(REPOSITORY)).uploadId();
        ecr.uploadLayerPart(b -> b.repositoryName(REPOSITORY).uploadId(uploadId).partFirstByte(0L).partLastByte(2L)
                .layerPartBlob(SdkBytes.fromUtf8String("abc")));
        String wrong = "sha256:" + "0".repeat(64);

        assertThatThrownBy(() -> ecr.completeLayerUpload(b -> b.repositoryName(REPOSITORY).uploadId(uploadId).layerDigests(wrong)))
                .isInstanceOf(InvalidLayerException.class).hasMessageContaining(wrong);
        assertThat(ecr.batchCheckLayerAvailability(b -> b.repositoryName(REPOSITORY).layerDigests(wrong)).failures())
                .singleElement().satisfies(failure -> assertThat(failure.failureCode()).isEqualTo(LayerFailureCode.MISSING_LAYER_DIGEST));
    }

    @Test
    void partsOutOfOrderAreRefusedWithTheLastValidByte() {
        String uploadId = ecr.initiateLayerUpload(b -> b.repositoryName(REPOSITORY)).uploadId();
        ecr.uploadLayerPart(b -> b.repositoryName(REPOSITORY).uploadId(uploadId).partFirstByte(0L).partLastByte(2L)
                .layerPartBlob(SdkBytes.fromUtf8String("abc")));

        assertThatThrownBy(() -> ecr.uploadLayerPart(b -> b.repositoryName(REPOSITORY).uploadId(uploadId).partFirstByte(5L)
                .partLastByte(7L).layerPartBlob(SdkBytes.fromUtf8String("def"))))
                .isInstanceOfSatisfying(InvalidLayerPartException.class,
                        e -> assertThat(e.lastValidByteReceived()).isEqualTo(2L));
    }

    @Test
    void aSecondUploadOfTheSameBlobIsRefusedAsExisting() {
        byte[] layer = "layer".getBytes(StandardCharsets.UTF_8);
        String digest = upload(layer, 100);

        assertThatThrownBy(() -> upload(layer, 100)).isInstanceOf(LayerAlreadyExistsException.class).hasMessageContaining(digest);
    }

    @Test
    void unknownDigestsAndRepositoriesAreTheErrorsEcrDocuments() {
        String unknown = "sha256:" + "a".repeat(64);
        assertThatThrownBy(() -> ecr.getDownloadUrlForLayer(b -> b.repositoryName(REPOSITORY).layerDigest(unknown)))
                .isInstanceOf(LayersNotFoundException.class);
        assertThatThrownBy(() -> ecr.getDownloadUrlForLayer(b -> b.repositoryName("no/such").layerDigest(unknown)))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.initiateLayerUpload(b -> b.repositoryName("no/such")))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void aBarePutImageNamingBlobsNeverUploadedIsKeptAndTheirDownloadIsRefused() {
        String config = "sha256:" + "c".repeat(64);

        ecr.putImage(b -> b.repositoryName(REPOSITORY).imageTag("bare").imageManifest(manifestNaming(config, 1470)));

        assertThat(ecr.describeImages(b -> b.repositoryName(REPOSITORY)).imageDetails())
                .anySatisfy(image -> assertThat(image.imageTags()).contains("bare"));
        assertThatThrownBy(() -> ecr.getDownloadUrlForLayer(b -> b.repositoryName(REPOSITORY).layerDigest(config)))
                .isInstanceOf(software.amazon.awssdk.services.ecr.model.LayersNotFoundException.class);
    }

    @Test
    void batchGetImageReportsTheManifestsOwnMediaType() {
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}";
        ecr.putImage(b -> b.repositoryName(REPOSITORY).imageTag("multi").imageManifest(index));

        assertThat(ecr.batchGetImage(b -> b.repositoryName(REPOSITORY).imageIds(id -> id.imageTag("multi"))).images())
                .singleElement().satisfies(image ->
                        assertThat(image.imageManifestMediaType()).isEqualTo("application/vnd.oci.image.index.v1+json"));
    }

    /** Uploads {@code bytes} in parts of {@code partSize}, as docker push does; the blob's digest. */
    private static String upload(byte[] bytes, int partSize) {
        String uploadId = ecr.initiateLayerUpload(b -> b.repositoryName(REPOSITORY)).uploadId();
        for (int first = 0; first < bytes.length; first += partSize) {
            int from = first;
            int to = Math.min(bytes.length, first + partSize);
            ecr.uploadLayerPart(b -> b.repositoryName(REPOSITORY).uploadId(uploadId).partFirstByte((long) from)
                    .partLastByte((long) to - 1).layerPartBlob(SdkBytes.fromByteArray(java.util.Arrays.copyOfRange(bytes, from, to))));
        }
        String digest = "sha256:" + EcrLayersInterceptor.sha256(bytes);
        return ecr.completeLayerUpload(b -> b.repositoryName(REPOSITORY).uploadId(uploadId).layerDigests(digest)).layerDigest();
    }

    private static String manifestNaming(String configDigest, int configSize) {
        return """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
                "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":%d,"digest":"%s"},"layers":[]}"""
                .formatted(configSize, configDigest);
    }
}
