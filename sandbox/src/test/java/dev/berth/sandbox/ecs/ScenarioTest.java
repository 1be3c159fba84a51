package dev.berth.sandbox.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
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
                new TaskDefinitionInfo.ContainerInfo("app", "app:v1", true, false),
                new TaskDefinitionInfo.ContainerInfo("agent", "agent:v1", true, false),
                new TaskDefinitionInfo.ContainerInfo("sidecar", "sidecar:v1", false, false));
        TaskDefinitionInfo withEssentialSidecar = definition(
                new TaskDefinitionInfo.ContainerInfo("app", "app:v1", true, false),
                new TaskDefinitionInfo.ContainerInfo("sidecar", "sidecar:v1", true, false));

        assertThat(withOptionalSidecar.behaviourIn(scenario)).isEqualTo(ImageBehaviour.slowStart(Duration.ofSeconds(30)));
        assertThat(withEssentialSidecar.behaviourIn(scenario)).isEqualTo(ImageBehaviour.crashOnStart());
        assertThat(withOptionalSidecar.family()).isEqualTo("app");
    }

    private static TaskDefinitionInfo definition(TaskDefinitionInfo.ContainerInfo... containers) {
        return new TaskDefinitionInfo("arn:aws:ecs:us-east-1:123456789012:task-definition/app:7", List.of(containers));
    }
}
