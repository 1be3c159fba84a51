package dev.berth.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rule that every deployment ends with a final record, whatever state it is found in. */
class DeploymentConcludeTest {

    private static final Instant T0 = Instant.parse("2026-11-02T21:00:00Z");
    private static final Instant T1 = T0.plusSeconds(90);

    private static Deployment in(DeploymentStatus status, Optional<String> reason) {
        Deployment pending = Deployment.pending("d-1", "demo", "web", new Trigger("ecr", "e-1", "ecr:123456789012"),
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v2", Optional.empty(), "rolling", T0, "ecr push",
                Optional.of("{\"deploymentId\":\"d-1\"}"));
        return switch (status) {
            case PENDING -> pending;
            case IN_PROGRESS -> pending.moveTo(DeploymentStatus.IN_PROGRESS, reason, T0);
            case ROLLING_BACK -> pending.moveTo(DeploymentStatus.IN_PROGRESS, Optional.empty(), T0).rollingBack(reason.orElseThrow(), T0);
            default -> pending.moveTo(DeploymentStatus.IN_PROGRESS, Optional.empty(), T0).moveTo(status, reason, T0);
        };
    }

    @Test
    void aSuccessIsRecordedWithItsReasonAndATimelineEntry() {
        Deployment done = in(DeploymentStatus.IN_PROGRESS, Optional.empty()).conclude(DeploymentStatus.SUCCEEDED, Optional.of("2/2 running"), T1);
        assertThat(done.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.reason()).contains("2/2 running");
        assertThat(done.finishedAt()).contains(T1);
        assertThat(done.timeline().getLast()).isEqualTo(new TimelineEntry(T1, "SUCCEEDED", "2/2 running"));
        assertThat(done.pendingExecution()).as("the execution input is kept only while PENDING").isEmpty();
    }

    @Test
    void aRolledBackDeploymentKeepsWhyItRolledBack() {
        Deployment done = in(DeploymentStatus.ROLLING_BACK, Optional.of("targets unhealthy")).conclude(DeploymentStatus.ROLLED_BACK, Optional.empty(), T1);
        assertThat(done.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(done.reason()).contains("targets unhealthy");
    }

    @Test
    void aFailedRollbackSaysBothWhatFailedAndWhyItRolledBack() {
        Deployment done = in(DeploymentStatus.ROLLING_BACK, Optional.of("targets unhealthy")).conclude(DeploymentStatus.FAILED,
                Optional.of("rollback did not become healthy: 0/2 running"), T1);
        assertThat(done.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(done.reason()).contains("rollback did not become healthy: 0/2 running; rolled back because: targets unhealthy");
    }

    @Test
    void anOutcomeTheRecordCannotReachIsWrittenAsFailedSayingSo() {
        Deployment done = in(DeploymentStatus.PENDING, Optional.empty()).conclude(DeploymentStatus.SUCCEEDED, Optional.of("ok"), T1);
        assertThat(done.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(done.reason()).hasValueSatisfying(r -> assertThat(r).contains("recorded as FAILED").contains("PENDING"));
    }

    @Test
    void aRepeatedConclusionLeavesTheFirstFinalWordStanding() {
        Deployment first = in(DeploymentStatus.IN_PROGRESS, Optional.empty()).conclude(DeploymentStatus.SUCCEEDED, Optional.of("ok"), T1);
        assertThat(first.conclude(DeploymentStatus.FAILED, Optional.of("late"), T1.plusSeconds(5))).isEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(names = {"ABORTED", "SUPERSEDED"})
    void aRollbackCanBeStoppedBySomeoneElsesChangeOrANewerPush(DeploymentStatus outcome) {
        Deployment done = in(DeploymentStatus.ROLLING_BACK, Optional.of("targets unhealthy")).conclude(outcome, Optional.of("superseded by d-2"), T1);
        assertThat(done.status()).isEqualTo(outcome);
        assertThat(done.reason()).contains("superseded by d-2");
    }

    @Test
    void onlyAFinalStatusConcludes() {
        assertThatThrownBy(() -> in(DeploymentStatus.IN_PROGRESS, Optional.empty()).conclude(DeploymentStatus.ROLLING_BACK, Optional.empty(), T1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a final status");
    }

    @Test
    void rollingBackHappensOnceAndKeepsTheFirstReason() {
        Deployment rolling = in(DeploymentStatus.IN_PROGRESS, Optional.empty()).rollingBack("targets unhealthy", T1);
        assertThat(rolling.status()).isEqualTo(DeploymentStatus.ROLLING_BACK);
        assertThat(rolling.rollingBack("again", T1.plusSeconds(1))).isEqualTo(rolling);
    }
}
