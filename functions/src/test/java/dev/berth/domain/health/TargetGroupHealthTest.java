package dev.berth.domain.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetGroupHealthTest {

    private static TargetView target(String state) {
        return new TargetView("i-0abc", 80, state, Optional.empty(), Optional.empty());
    }

    @Test
    void countsTargetsByState() {
        TargetGroupHealth group = new TargetGroupHealth("tg", List.of(target("healthy"), target("initial"), target("healthy")));

        assertThat(group.count("healthy")).isEqualTo(2);
        assertThat(group.count("initial")).isEqualTo(1);
        assertThat(group.count("unhealthy")).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067, web",
        "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:targetgroup/api-blue/0123456789abcdef, api-blue",
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/odd, odd",
        "not-an-arn, not-an-arn",
    })
    void namesTheGroupByItsArnName(String arn, String name) {
        assertThat(new TargetGroupHealth(arn, List.of()).name()).isEqualTo(name);
    }

    @Test
    void readsAbsentPartsAsEmpty() {
        assertThat(new TargetGroupHealth("tg", null).targets()).isEmpty();
        assertThat(new TargetView("t", 80, "healthy", null, null).reason()).isEmpty();
        EcsDeploymentView deployment = new EcsDeploymentView("d", "PRIMARY", "td", null, null, 1, 1, 0, 0);
        assertThat(deployment.rolloutState()).isEmpty();
        assertThat(deployment.isLive()).isTrue();
        RevisionObservation observation = new RevisionObservation("td", null, false, null, null, null, Instant.EPOCH);
        assertThat(observation.deployments()).isEmpty();
        assertThat(observation.tasks()).isEmpty();
        assertThat(observation.targetGroups()).isEmpty();
        assertThat(observation.previousTaskDefinitionArn()).isEmpty();
    }

    @Test
    void rejectsMeaninglessViews() {
        assertThatThrownBy(() -> new TargetGroupHealth(null, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TargetView(null, 80, "healthy", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EcsDeploymentView("d", "PRIMARY", "td", Optional.empty(), Optional.empty(), 1, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ECS deployment d has a negative task count");
        assertThatThrownBy(() -> new RevisionObservation(" ", Optional.empty(), false, List.of(), List.of(), List.of(), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inactiveDeploymentsAreNotLive() {
        assertThat(new EcsDeploymentView("d", "INACTIVE", "td", Optional.empty(), Optional.empty(), 0, 0, 0, 0).isLive()).isFalse();
        assertThat(new EcsDeploymentView("d", "ACTIVE", "td", Optional.empty(), Optional.empty(), 0, 0, 0, 0).isLive()).isTrue();
    }
}
