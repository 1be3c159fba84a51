package dev.berth.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.deployment.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule that every deployment ends with a final record, whatever state it is found in. */
class RecordOutcomeHandlerTest {

    private static final Instant T0 = Instant.parse("2026-11-02T21:00:00Z");
    private static final Instant T1 = T0.plusSeconds(90);

    private static Deployment in(DeploymentStatus status, Optional<String> reason) {
        Deployment pending = new Deployment("d-1", "demo", "web", new Trigger("ecr", "e-1", "ecr:123456789012"),
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v2", Optional.empty(), "rolling",
                Optional.empty(), Optional.empty(), DeploymentStatus.PENDING, Optional.empty(), T0, Optional.empty(),
                List.of(new TimelineEntry(T0, "Triggered", "ecr push")));
        return switch (status) {
            case PENDING -> pending;
            case IN_PROGRESS -> pending.moveTo(DeploymentStatus.IN_PROGRESS, reason, T0);
            case ROLLING_BACK -> pending.moveTo(DeploymentStatus.IN_PROGRESS, Optional.empty(), T0).moveTo(DeploymentStatus.ROLLING_BACK, reason, T0);
            default -> pending.moveTo(DeploymentStatus.IN_PROGRESS, Optional.empty(), T0).moveTo(status, reason, T0);
        };
    }

    @Test
    void aSuccessIsRecordedWithItsReasonAndATimelineEntry() {
        Deployment done = RecordOutcomeHandler.conclude(in(DeploymentStatus.IN_PROGRESS, Optional.empty()), DeploymentStatus.SUCCEEDED, Optional.of("2/2 running"), T1);
        assertThat(done.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.reason()).contains("2/2 running");
        assertThat(done.finishedAt()).contains(T1);
        assertThat(done.timeline().getLast()).isEqualTo(new TimelineEntry(T1, "SUCCEEDED", "2/2 running"));
    }

    @Test
    void aRolledBackDeploymentKeepsWhyItRolledBack() {
        Deployment done = RecordOutcomeHandler.conclude(in(DeploymentStatus.ROLLING_BACK, Optional.of("targets unhealthy")), DeploymentStatus.ROLLED_BACK, Optional.empty(), T1);
        assertThat(done.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(done.reason()).contains("targets unhealthy");
    }

    @Test
    void aFailedRollbackSaysBothWhatFailedAndWhyItRolledBack() {
        Deployment done = RecordOutcomeHandler.conclude(in(DeploymentStatus.ROLLING_BACK, Optional.of("targets unhealthy")), DeploymentStatus.FAILED,
                Optional.of("rollback did not become healthy: 0/2 running"), T1);
        assertThat(done.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(done.reason()).contains("rollback did not become healthy: 0/2 running; rolled back because: targets unhealthy");
    }

    @Test
    void anOutcomeTheRecordCannotReachIsWrittenAsFailedSayingSo() {
        Deployment done = RecordOutcomeHandler.conclude(in(DeploymentStatus.PENDING, Optional.empty()), DeploymentStatus.SUCCEEDED, Optional.of("ok"), T1);
        assertThat(done.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(done.reason()).hasValueSatisfying(r -> assertThat(r).contains("recorded as FAILED").contains("PENDING"));
    }

    @Test
    void aRepeatedRecordLeavesTheFirstFinalWordStanding() {
        Deployment first = RecordOutcomeHandler.conclude(in(DeploymentStatus.IN_PROGRESS, Optional.empty()), DeploymentStatus.SUCCEEDED, Optional.of("ok"), T1);
        assertThat(RecordOutcomeHandler.conclude(first, DeploymentStatus.FAILED, Optional.of("late"), T1.plusSeconds(5))).isEqualTo(first);
    }
}
