package dev.berth.domain.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.image.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pinning a revision to the digests its tasks run, so that rolling back to {@code repo:latest} does not pull
 * whatever {@code latest} points at now ({@link TaskDefinitionCopy#pinnedTo}, {@link TaskDefinitionCopy#pinsByDigest}).
 */
class TaskDefinitionPinningTest {

    private static final String WEB = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web";
    private static final String RUNNING = "sha256:" + "1".repeat(64);
    private static final String OTHER = "sha256:" + "2".repeat(64);
    private static final String SHA512 = "sha512:" + "3".repeat(128);

    @Test
    void theNamedContainersTagImageGetsTheDigestItsTasksRun() {
        Map<String, Object> current = TaskDefinitionCopyTest.described();
        String before = TaskDefinitionCopyTest.json(current);

        Optional<Map<String, Object>> pinned = TaskDefinitionCopy.pinnedTo(current, Map.of("web", RUNNING));

        assertThat(pinned).isPresent();
        List<Map<String, Object>> containers = TaskDefinitionCopyTest.containers(pinned.get());
        assertThat(containers.get(0)).containsEntry("image", WEB + "@" + RUNNING);
        assertThat(TaskDefinitionCopyTest.json(containers.get(1))).isEqualTo(TaskDefinitionCopyTest.json(TaskDefinitionCopyTest.containers(current).get(1)));
        assertThat(TaskDefinitionCopyTest.json(containers.get(2))).isEqualTo(TaskDefinitionCopyTest.json(TaskDefinitionCopyTest.containers(current).get(2)));
        assertThat(pinned.get()).doesNotContainKeys(TaskDefinitionCopy.READ_ONLY_FIELDS.toArray(String[]::new));
        assertThat(pinned.get()).containsEntry("family", "web").containsKey("tags");
        assertThat(TaskDefinitionCopyTest.json(current)).as("the input is never changed").isEqualTo(before);
    }

    @Test
    void everyContainerWithADigestIsPinnedSidecarsToo() {
        Map<String, Object> pinned = TaskDefinitionCopy.pinnedTo(TaskDefinitionCopyTest.described(),
                Map.of("web", RUNNING, "log_router", OTHER)).orElseThrow();

        assertThat(TaskDefinitionCopyTest.containers(pinned)).extracting(c -> c.get("image")).containsExactly(
                WEB + "@" + RUNNING,
                "840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.4.0-prod",
                "public.ecr.aws/aws-observability/aws-for-fluent-bit@" + OTHER);
    }

    static Stream<Arguments> nothingToPin() {
        return Stream.of(
                arguments("no digests known", Map.of(), WEB + ":latest"),
                arguments("digests only for containers the definition lacks", Map.of("api", RUNNING), WEB + ":latest"),
                arguments("already pinned by digest", Map.of("web", RUNNING), WEB + "@" + OTHER),
                arguments("already pinned by tag and digest", Map.of("web", RUNNING), WEB + ":v1@" + OTHER),
                arguments("pinned by a sha512 digest", Map.of("web", RUNNING), WEB + "@" + SHA512),
                arguments("an image that is no reference (a placeholder)", Map.of("web", RUNNING), "${IMAGE}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nothingToPin")
    void emptyWhenNothingNeedsPinning(String why, Map<String, String> digests, String image) {
        Map<String, Object> definition = definition(container("web", image), container("envoy", "envoyproxy/envoy@" + OTHER));

        assertThat(TaskDefinitionCopy.pinnedTo(definition, digests)).isEmpty();
    }

    @Test
    void aDockerHubTagIsPinnedInCanonicalForm() {
        Map<String, Object> pinned = TaskDefinitionCopy.pinnedTo(definition(container("web", "nginx:1.27")), Map.of("web", RUNNING)).orElseThrow();

        assertThat(TaskDefinitionCopyTest.containers(pinned).getFirst()).containsEntry("image", "docker.io/library/nginx@" + RUNNING);
        assertThat(ImageReference.parse((String) TaskDefinitionCopyTest.containers(pinned).getFirst().get("image")).repositoryUri())
                .isEqualTo(ImageReference.parse("nginx").repositoryUri());
    }

    static Stream<Arguments> pins() {
        return Stream.of(
                arguments("the named container by sha256 digest", List.of("web"), WEB + "@" + RUNNING, true),
                arguments("tag and digest", List.of("web"), WEB + ":v1@" + RUNNING, true),
                arguments("the named container by tag", List.of("web"), WEB + ":latest", false),
                arguments("no tag at all (latest, implied)", List.of("web"), WEB, false),
                arguments("a container not named is not judged", List.of("envoy"), WEB + ":latest", true),
                arguments("by a sha512 digest: still by digest", List.of("web"), WEB + "@" + SHA512, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pins")
    void pinsByDigestWhenEveryNamedContainerNamesADigest(String why, List<String> names, String image, boolean pinned) {
        Map<String, Object> definition = definition(container("web", image), container("envoy", "envoyproxy/envoy@" + OTHER));

        assertThat(TaskDefinitionCopy.pinsByDigest(definition, names)).isEqualTo(pinned);
    }

    @Test
    void oneNamedContainerByTagIsEnoughToNeedPinning() {
        Map<String, Object> definition = definition(container("web", WEB + "@" + RUNNING), container("worker", WEB + ":latest"));

        assertThat(TaskDefinitionCopy.pinsByDigest(definition, List.of("web", "worker"))).isFalse();
        assertThat(TaskDefinitionCopy.pinsByDigest(definition, List.of("web"))).isTrue();
    }

    /** A container of a generated definition: its name, and its image by tag or digest. */
    record Container(String name, String repository, Optional<String> tag, Optional<String> digest) {
        String image() {
            return repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
        }
    }

    @Provide
    Arbitrary<List<Container>> containers() {
        Arbitrary<String> repository = Arbitraries.of(WEB, "nginx", "public.ecr.aws/aws-observability/aws-for-fluent-bit", "ghcr.io/acme/api");
        Arbitrary<Optional<String>> tag = Arbitraries.of("latest", "v1.4.2", "stable").optional();
        Arbitrary<Optional<String>> digest = Arbitraries.of(RUNNING, OTHER).optional(0.4);
        return Combinators.combine(Arbitraries.strings().withChars("abcdefg_-").ofMinLength(1).ofMaxLength(6), repository, tag, digest)
                .as(Container::new).list().ofMaxSize(5).uniqueElements(Container::name);
    }

    @Provide
    Arbitrary<Map<String, String>> digests() {
        return Arbitraries.maps(Arbitraries.strings().withChars("abcdefg_-").ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(hex -> "sha256:" + hex)).ofMaxSize(5);
    }

    @Property(tries = 1000)
    void onlyTagImagesWithAKnownDigestChange(@ForAll("containers") List<Container> containers, @ForAll("digests") Map<String, String> digests) {
        Map<String, Object> definition = definition(containers.stream().map(c -> container(c.name(), c.image())).toArray(Map[]::new));
        String before = TaskDefinitionCopyTest.json(definition);

        Optional<Map<String, Object>> pinned = TaskDefinitionCopy.pinnedTo(definition, digests);

        assertThat(TaskDefinitionCopyTest.json(definition)).as("the input is never changed").isEqualTo(before);
        boolean anyToPin = containers.stream().anyMatch(c -> c.digest().isEmpty() && digests.containsKey(c.name()));
        assertThat(pinned.isPresent()).isEqualTo(anyToPin);
        pinned.ifPresent(result -> {
            List<Map<String, Object>> out = TaskDefinitionCopyTest.containers(result);
            for (int i = 0; i < containers.size(); i++) {
                Container c = containers.get(i);
                Object image = out.get(i).get("image");
                if (c.digest().isEmpty() && digests.containsKey(c.name())) {
                    assertThat(image).isEqualTo(ImageReference.parse(c.repository()).repositoryUri() + "@" + digests.get(c.name()));
                } else {
                    assertThat(image).isEqualTo(c.image());
                }
                assertThat(out.get(i).get("name")).isEqualTo(c.name());
            }
            assertThat(TaskDefinitionCopy.pinsByDigest(result, containers.stream().map(Container::name).filter(digests::containsKey).toList()))
                    .as("what was pinned now pins by digest").isTrue();
        });
    }

    private static Map<String, Object> container(String name, String image) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", name);
        container.put("image", image);
        container.put("essential", true);
        return container;
    }

    @SafeVarargs
    private static Map<String, Object> definition(Map<String, Object>... containers) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("taskDefinitionArn", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7");
        definition.put("family", "web");
        definition.put("revision", 7);
        definition.put("status", "ACTIVE");
        definition.put("containerDefinitions", new ArrayList<>(List.of(containers)));
        return definition;
    }
}
