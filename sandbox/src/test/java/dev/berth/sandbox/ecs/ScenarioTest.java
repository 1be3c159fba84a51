package dev.berth.sandbox.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static final String REPO = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web";

    private final Scenario scenario = new Scenario();

    @Test
    void unmatchedImagesAreHealthy() {
        assertThat(scenario.behaviourOf(REPO + ":v1")).isEqualTo(ImageBehaviour.healthy());
    }

    @Test
    void matchesTheExactImageOrATagOrDigestItContains() {
        scenario.set(REPO + ":v2", ImageBehaviour.unhealthy())
                .set("sha256:abc123", ImageBehaviour.crashOnStart())
                .set(":slow", ImageBehaviour.slowStart(Duration.ofMinutes(1)));

        assertThat(scenario.behaviourOf(REPO + ":v2")).isEqualTo(ImageBehaviour.unhealthy());
        assertThat(scenario.behaviourOf(REPO + "@sha256:abc123")).isEqualTo(ImageBehaviour.crashOnStart());
        assertThat(scenario.behaviourOf("api:slow")).isEqualTo(ImageBehaviour.slowStart(Duration.ofMinutes(1)));
        assertThat(scenario.behaviourOf(REPO + ":v3")).isEqualTo(ImageBehaviour.healthy());
    }

    @Test
    void theMostSpecificMatchWinsAndExactBeatsContains() {
        scenario.set("web:v2", ImageBehaviour.unhealthy())
                .set("web", ImageBehaviour.crashOnStart())
                .set("x/web:v2", ImageBehaviour.slowStart(Duration.ofSeconds(5)));

        assertThat(scenario.behaviourOf("registry/web:v2")).isEqualTo(ImageBehaviour.unhealthy());
        assertThat(scenario.behaviourOf("registry/web:v1")).isEqualTo(ImageBehaviour.crashOnStart());
        assertThat(scenario.behaviourOf("x/web:v2")).isEqualTo(ImageBehaviour.slowStart(Duration.ofSeconds(5)));
    }

    @Test
    void settingAgainReplacesAndRemoveOrClearForgets() {
        scenario.set(":v2", ImageBehaviour.unhealthy()).set(":v2", ImageBehaviour.crashOnStart())
                .set(":v3", ImageBehaviour.unhealthy());
        assertThat(scenario.entries()).containsOnlyKeys(":v2", ":v3");
        assertThat(scenario.behaviourOf("web:v2")).isEqualTo(ImageBehaviour.crashOnStart());

        scenario.remove(":v2");
        assertThat(scenario.behaviourOf("web:v2")).isEqualTo(ImageBehaviour.healthy());
        scenario.clear();
        assertThat(scenario.behaviourOf("web:v3")).isEqualTo(ImageBehaviour.healthy());
        assertThatThrownBy(() -> scenario.set("", ImageBehaviour.unhealthy()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTaskBehavesAsItsWorstEssentialContainer() {
        scenario.set("sidecar", ImageBehaviour.crashOnStart()).set("app", ImageBehaviour.slowStart(Duration.ofSeconds(9)))
                .set("agent", ImageBehaviour.slowStart(Duration.ofSeconds(30)));
        TaskDefinitionInfo withOptionalSidecar = definition(
                new TaskDefinitionInfo.ContainerInfo("app", "app:v1", true, Optional.empty()),
                new TaskDefinitionInfo.ContainerInfo("agent", "agent:v1", true, Optional.empty()),
                new TaskDefinitionInfo.ContainerInfo("sidecar", "sidecar:v1", false, Optional.empty()));
        TaskDefinitionInfo withEssentialSidecar = definition(
                new TaskDefinitionInfo.ContainerInfo("app", "app:v1", true, Optional.empty()),
                new TaskDefinitionInfo.ContainerInfo("sidecar", "sidecar:v1", true, Optional.empty()));

        assertThat(withOptionalSidecar.behaviourIn(scenario)).isEqualTo(ImageBehaviour.slowStart(Duration.ofSeconds(30)));
        assertThat(withEssentialSidecar.behaviourIn(scenario)).isEqualTo(ImageBehaviour.crashOnStart());
        assertThat(withOptionalSidecar.family()).isEqualTo("app");
    }

    private static TaskDefinitionInfo definition(TaskDefinitionInfo.ContainerInfo... containers) {
        return new TaskDefinitionInfo("arn:aws:ecs:us-east-1:123456789012:task-definition/app:7", List.of(containers));
    }

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String OTHER_DIGEST = "sha256:" + "b".repeat(64);

    /** A task running {@code shop/web@DIGEST} from the sandbox's ECR, where the tags point at that digest. */
    private static ImageIdentity pushed(String... tags) {
        return ImageIdentity.of("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web@" + DIGEST)
                .resolvedTo(DIGEST, Set.of(tags));
    }

    @Test
    void aTagSetBeforeThePushMatchesTheTaskRunningItsDigest() {
        scenario.set(ImageSelector.parse("shop/web:1.2.0"), ImageBehaviour.unhealthy());

        assertThat(scenario.behaviourOf(pushed("1.2.0", "latest"))).isEqualTo(ImageBehaviour.unhealthy());
        assertThat(scenario.behaviourOf(pushed("1.2.1"))).isEqualTo(ImageBehaviour.healthy());
        // Tags are names, not prefixes; repositories are whole paths.
        assertThat(scenario.behaviourOf(pushed("1.2.0-rc1"))).isEqualTo(ImageBehaviour.healthy());
        scenario.set(ImageSelector.parse("shop/web:1.2"), ImageBehaviour.crashOnStart());
        assertThat(scenario.behaviourOf(pushed("1.2.0"))).isEqualTo(ImageBehaviour.unhealthy());
        assertThat(scenario.behaviourOf(ImageIdentity.of("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web-admin:1.2.0")))
                .isEqualTo(ImageBehaviour.healthy());
    }

    @Test
    void digestBeatsTagBeatsRepositoryAndARegistryMustMatchWhenNamed() {
        scenario.set(ImageSelector.parse("shop/web"), ImageBehaviour.slowStart(Duration.ofSeconds(30)))
                .set(ImageSelector.parse("shop/web:latest"), ImageBehaviour.unhealthy())
                .set(ImageSelector.parse("shop/web@" + DIGEST), ImageBehaviour.flaky(0.3));

        assertThat(scenario.behaviourOf(pushed("latest"))).isEqualTo(ImageBehaviour.flaky(0.3));
        assertThat(scenario.behaviourOf(ImageIdentity.of("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:latest")
                .resolvedTo(OTHER_DIGEST, Set.of("latest")))).isEqualTo(ImageBehaviour.unhealthy());
        assertThat(scenario.behaviourOf(ImageIdentity.of("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.0.0")
                .resolvedTo(OTHER_DIGEST, Set.of("1.0.0")))).isEqualTo(ImageBehaviour.slowStart(Duration.ofSeconds(30)));

        scenario.clear();
        scenario.set(ImageSelector.parse("987654321098.dkr.ecr.eu-west-1.amazonaws.com/shop/web"), ImageBehaviour.unhealthy());
        assertThat(scenario.behaviourOf(pushed("latest"))).isEqualTo(ImageBehaviour.healthy());
        scenario.set(ImageSelector.parse("nginx"), ImageBehaviour.unhealthy());
        assertThat(scenario.behaviourOf("nginx:1.27")).isEqualTo(ImageBehaviour.unhealthy());
        assertThat(scenario.behaviourOf("docker.io/library/nginx:1.27")).isEqualTo(ImageBehaviour.unhealthy());
    }

    @Test
    void selectorsAreWrittenAsTheyWereGivenAndBadReferencesAreRefused() {
        assertThat(ImageSelector.parse("shop/web:1.2.0")).satisfies(selector -> {
            assertThat(selector.text()).isEqualTo("shop/web:1.2.0");
            assertThat(selector.kind()).isEqualTo("tag");
        });
        assertThat(ImageSelector.parse("shop/web@" + DIGEST).kind()).isEqualTo("digest");
        assertThat(ImageSelector.parse("shop/web").kind()).isEqualTo("repository");
        assertThat(ImageSelector.parse("localhost:5000/shop/web:1").text()).isEqualTo("localhost:5000/shop/web:1");

        assertThatThrownBy(() -> ImageSelector.parse("Shop/Web:1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lower case");
        assertThatThrownBy(() -> ImageSelector.parse("shop/web@sha256:abc")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ImageSelector.parse("shop/web:")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aFlakyImageIsWorseThanASlowOneAndBetterThanAnUnhealthyOne() {
        assertThat(ImageBehaviour.flaky(0.2).worst(ImageBehaviour.slowStart(Duration.ofMinutes(5))))
                .isEqualTo(ImageBehaviour.flaky(0.2));
        assertThat(ImageBehaviour.flaky(0.2).worst(ImageBehaviour.unhealthy())).isEqualTo(ImageBehaviour.unhealthy());
        assertThat(ImageBehaviour.flaky(0.2).worst(ImageBehaviour.flaky(0.6))).isEqualTo(ImageBehaviour.flaky(0.6));
        assertThatThrownBy(() -> ImageBehaviour.flaky(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
