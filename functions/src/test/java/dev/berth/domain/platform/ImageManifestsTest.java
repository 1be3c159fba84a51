package dev.berth.domain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Platforms read out of what registries serve, in the shapes docker buildx and docker push write. */
class ImageManifestsTest {

    static final String INDEX = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:aa","size":1,"platform":{"architecture":"amd64","os":"linux"}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:bb","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:cc","size":1,"platform":{"architecture":"unknown","os":"unknown"},
              "annotations":{"vnd.docker.reference.type":"attestation-manifest"}}]}""";
    static final String MANIFEST_LIST = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
             {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:aa","size":1,
              "platform":{"architecture":"amd64","os":"windows","os.version":"10.0.17763.5458"}}]}""";
    static final String MANIFEST = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
             "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1470,"digest":"sha256:c0ff"},
             "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":3370628,"digest":"sha256:1a"}]}""";

    @Test
    void anIndexListsItsPlatformsAttestationsIncluded() {
        assertThat(ImageManifests.read(INDEX, Optional.empty())).isEqualTo(new ImageManifests.Read.Index(List.of(
                new ImagePlatform("linux", "amd64"), ImagePlatform.parse("linux/arm64/v8"), new ImagePlatform("unknown", "unknown"))));
    }

    @Test
    void aDockerManifestListCarriesWindowsBuilds() {
        assertThat(ImageManifests.read(MANIFEST_LIST, Optional.empty())).isEqualTo(new ImageManifests.Read.Index(List.of(
                new ImagePlatform("windows", "amd64", Optional.empty(), Optional.of("10.0.17763.5458")))));
    }

    @Test
    void aSingleImageNamesItsConfigBlob() {
        assertThat(ImageManifests.read(MANIFEST, Optional.empty())).isEqualTo(new ImageManifests.Read.SingleImage("sha256:c0ff"));
    }

    @Test
    void theRegistrysMediaTypeWinsOverAMissingField() {
        String untyped = INDEX.replace("\"mediaType\":\"application/vnd.oci.image.index.v1+json\",", "");

        assertThat(ImageManifests.read(untyped, Optional.of(ImageManifests.OCI_INDEX))).isInstanceOf(ImageManifests.Read.Index.class);
        assertThat(ImageManifests.read(untyped, Optional.empty())).as("manifests without a type still read as an index")
                .isInstanceOf(ImageManifests.Read.Index.class);
    }

    @Test
    void anImageConfigNamesItsPlatform() {
        assertThat(ImageManifests.config("""
                {"architecture":"arm64","os":"linux","variant":"v8","config":{"Env":["PATH=/usr/bin"]},"rootfs":{"type":"layers"}}"""))
                .isEqualTo(ImagePlatform.parse("linux/arm64/v8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "not json", "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"})
    void whatIsNoManifestIsAClearError(String manifest) {
        assertThatThrownBy(() -> ImageManifests.read(manifest, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the image manifest");
    }

    @Test
    void aConfigWithoutAPlatformIsAClearError() {
        assertThatThrownBy(() -> ImageManifests.config("{\"config\":{}}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the image config names no os and architecture");
    }
}
