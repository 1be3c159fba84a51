package dev.berth.domain.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    private static final String SHA = "sha256:" + "a".repeat(64);
    private static final String SHA_B = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # text                                                                  | registry                                      | repository             | tag        | digest
            nginx                                                                   | docker.io                                     | library/nginx          |            |
            nginx:1.27                                                              | docker.io                                     | library/nginx          | 1.27       |
            nginx:latest                                                            | docker.io                                     | library/nginx          | latest     |
            library/nginx                                                           | docker.io                                     | library/nginx          |            |
            docker.io/nginx                                                         | docker.io                                     | library/nginx          |            |
            docker.io/library/nginx:stable-alpine                                   | docker.io                                     | library/nginx          | stable-alpine |
            index.docker.io/library/nginx                                           | docker.io                                     | library/nginx          |            |
            registry-1.docker.io/nginx:1                                            | docker.io                                     | library/nginx          | 1          |
            INDEX.DOCKER.IO/acme/app                                                | docker.io                                     | acme/app               |            |
            acme/storefront                                                         | docker.io                                     | acme/storefront        |            |
            acme/storefront:2024.06.01                                              | docker.io                                     | acme/storefront        | 2024.06.01 |
            acme/store-front_v2/api:V1_final                                        | docker.io                                     | acme/store-front_v2/api | V1_final  |
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.2            | 123456789012.dkr.ecr.us-east-1.amazonaws.com  | shop/web               | v1.4.2     |
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web                   | 123456789012.dkr.ecr.us-east-1.amazonaws.com  | shop/web               |            |
            123456789012.dkr.ecr.eu-west-1.amazonaws.com/web                        | 123456789012.dkr.ecr.eu-west-1.amazonaws.com  | web                    |            |
            123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/a/b/c:1                | 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn | a/b/c               | 1          |
            public.ecr.aws/nginx/nginx:1.27                                         | public.ecr.aws                                | nginx/nginx            | 1.27       |
            ghcr.io/acme/app:sha-1a2b3c                                             | ghcr.io                                       | acme/app               | sha-1a2b3c |
            quay.io/coreos/etcd:v3.5.0                                              | quay.io                                       | coreos/etcd            | v3.5.0     |
            localhost/app                                                           | localhost                                     | app                    |            |
            localhost:5000/app:1.0                                                  | localhost:5000                                | app                    | 1.0        |
            localhost:5000/team/app                                                 | localhost:5000                                | team/app               |            |
            registry.example.com:8443/team/app:_internal                            | registry.example.com:8443                     | team/app               | _internal  |
            Registry.Example.COM/team/app                                           | registry.example.com                          | team/app               |            |
            10.0.0.7:5000/app                                                       | 10.0.0.7:5000                                 | app                    |            |
            [::1]:5000/app:v1                                                       | [::1]:5000                                    | app                    | v1         |
            my-registry/app                                                         | docker.io                                     | my-registry/app        |            |
            a__b/c.d/e---f                                                          | docker.io                                     | a__b/c.d/e---f         |            |
            nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | docker.io                                 | library/nginx          |            | sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
            nginx:1.27@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | docker.io                            | library/nginx          | 1.27       | sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
            localhost:5000/app:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | localhost:5000         | app                    | 1.0        | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | 123456789012.dkr.ecr.us-east-1.amazonaws.com | shop/web | | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            app@sha512:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | docker.io | library/app | | sha512:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
            app@blake3:ABCDEFabcdef0123456789abcdef0123456789                      | docker.io                                     | library/app            |            | blake3:ABCDEFabcdef0123456789abcdef0123456789
            app@multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8    | docker.io                                     | library/app            |            | multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8
            """)
    void parsesValidReferences(String text, String registry, String repository, String tag, String digest) {
        ImageReference ref = ImageReference.parse(text);

        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(Optional.ofNullable(tag));
        assertThat(ref.digest()).isEqualTo(Optional.ofNullable(digest));
        assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # text                                                  | the message names
            ''                                                      | image reference is empty
            Foo/bar                                                 | image reference 'Foo/bar': repository must be lower case
            nginx:1.0 latest                                        | must not contain whitespace
            ' nginx'                                                | must not contain whitespace
            nginx::1.0                                              | contains '::'
            nginx:                                                  | ends with ':' but names no tag
            nginx@                                                  | ends with '@' but names no digest
            nginx:1.0@                                              | ends with '@' but names no digest
            nginx:@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | tag is empty
            :1.0                                                    | names no repository
            @sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | names no repository
            localhost:5000/                                         | names no repository
            localhost:5000/App                                      | repository must be lower case
            docker.io/Library/nginx                                 | repository must be lower case
            shop//web                                               | has an empty path component
            shop/web/                                               | has an empty path component
            /shop/web                                               | has an empty path component
            -shop/web                                               | repository path component '-shop'
            shop/web.                                               | repository path component 'web.'
            shop/we..b                                              | repository path component 'we..b'
            shop/we___b                                             | repository path component 'we___b'
            nginx:-beta                                             | tag '-beta' must be 1-128
            nginx:.hidden                                           | tag '.hidden' must be 1-128
            nginx:v1+build                                          | tag 'v1+build' must be 1-128
            nginx@sha256:abc                                        | digest 'sha256:abc' must be 'sha256:' and 64 lower-case hex digits
            nginx@sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | must be 'sha256:' and 64 lower-case hex digits
            nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | must be 'sha256:' and 64 lower-case hex digits
            nginx@sha512:aaaa                                       | must be 'sha512:' and 128 lower-case hex digits
            nginx@md5:short                                         | digest 'md5:short' must look like
            nginx@SHA256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | digest 'SHA256:
            nginx@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | must look like
            nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | digest
            localhost:99999/app                                     | registry port '99999' is not a port number
            localhost:http/app                                      | registry port 'http' is not a port number
            -bad.example.com/app                                    | registry '-bad.example.com' is not a valid host name
            bad_host.example.com/app                                | registry 'bad_host.example.com' is not a valid host name
            aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | is an image id, not a repository
            """)
    void rejectsMalformedReferences(String text, String message) {
        assertThatThrownBy(() -> ImageReference.parse(text == null ? "" : text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ImageReference.parse(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("image reference is empty");
    }

    @Test
    void rejectsTagsOver128Characters() {
        assertThat(ImageReference.parse("app:" + "t".repeat(128)).tag()).contains("t".repeat(128));
        assertThatThrownBy(() -> ImageReference.parse("app:" + "t".repeat(129)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be 1-128");
    }

    @Test
    void rejectsNamesOver255Characters() {
        String atLimit = "registry.example.com/" + "a".repeat(255 - "registry.example.com/".length());
        assertThat(ImageReference.parse(atLimit).repositoryUri()).hasSize(255);
        assertThatThrownBy(() -> ImageReference.parse(atLimit + "a"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than 255 characters");
    }

    @Test
    void countsTheLibraryPrefixTowardsTheLengthLimit() {
        String name = "a".repeat(255 - "docker.io/".length());
        assertThatThrownBy(() -> ImageReference.parse(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than 255 characters");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            nginx                                                   | docker.io/library/nginx
            acme/storefront                                         | docker.io/acme/storefront
            localhost:5000/team/app:1.0                             | localhost:5000/team/app
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.2 | 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web
            """)
    void repositoryUriIsRegistrySlashRepository(String text, String uri) {
        assertThat(ImageReference.parse(text).repositoryUri()).isEqualTo(uri);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            nginx                                     | docker.io/library/nginx:latest
            nginx:1.27                                | docker.io/library/nginx:1.27
            localhost:5000/app:1.0                    | localhost:5000/app:1.0
            nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef      | docker.io/library/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | docker.io/library/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            """)
    void pinnedPrefersTheDigestThenTheTagThenLatest(String text, String pinned) {
        assertThat(ImageReference.parse(text).pinned()).isEqualTo(pinned);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            nginx                                   | docker.io/library/nginx
            nginx:1.27                              | docker.io/library/nginx:1.27
            index.docker.io/nginx:1.27              | docker.io/library/nginx:1.27
            Localhost:5000/app:1.0                  | localhost:5000/app:1.0
            nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | docker.io/library/nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            """)
    void toStringIsCanonical(String text, String canonical) {
        assertThat(ImageReference.parse(text)).hasToString(canonical);
    }

    @Test
    void withTagAndWithDigestReplaceOnePartAndKeepTheOther() {
        ImageReference ref = ImageReference.parse("localhost:5000/app:1.0");

        assertThat(ref.withTag("2.0")).hasToString("localhost:5000/app:2.0");
        assertThat(ref.withDigest(SHA)).hasToString("localhost:5000/app:1.0@" + SHA);
        assertThat(ref.withDigest(SHA).withTag("3")).hasToString("localhost:5000/app:3@" + SHA);
        assertThat(ref.withDigest(SHA).withDigest(SHA_B).digest()).contains(SHA_B);
        assertThat(ref).hasToString("localhost:5000/app:1.0");
    }

    @Test
    void withTagAndWithDigestValidate() {
        ImageReference ref = ImageReference.parse("localhost:5000/app:1.0");

        assertThatThrownBy(() -> ref.withTag("no spaces"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("image reference 'localhost:5000/app:no spaces': tag 'no spaces' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
        assertThatThrownBy(() -> ref.withTag(""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tag is empty");
        assertThatThrownBy(() -> ref.withDigest("sha256:123"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be 'sha256:' and 64 lower-case hex digits");
        assertThatThrownBy(() -> ref.withTag(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ref.withDigest(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theConstructorNormalisesAndValidatesLikeParse() {
        assertThat(new ImageReference("index.docker.io", "nginx", Optional.of("1"), Optional.empty()))
                .isEqualTo(ImageReference.parse("nginx:1"));
        assertThatThrownBy(() -> new ImageReference("docker.io", "Acme/App", Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("image reference 'docker.io/Acme/App': repository must be lower case");
        assertThatThrownBy(() -> new ImageReference("", "app", Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("registry is empty");
        assertThatThrownBy(() -> new ImageReference("docker.io", "app", null, Optional.empty()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void shortAndLongDockerHubNamesAreEqual() {
        assertThat(ImageReference.parse("nginx"))
                .isEqualTo(ImageReference.parse("docker.io/library/nginx"))
                .isEqualTo(ImageReference.parse("index.docker.io/library/nginx"))
                .isEqualTo(ImageReference.parse("registry-1.docker.io/nginx"));
    }
}
