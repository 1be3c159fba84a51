package dev.berth.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentTest {

    private static final Instant STARTED = Instant.parse("2025-11-16T10:00:00Z");
    private static final Instant LATER = STARTED.plusSeconds(300);
    private static final Trigger TRIGGER = new Trigger("ecr", "13cde686-328b-6117-af20-0e5566167482", "ecr");
    private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.3";
    private static final String PREVIOUS = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7";
    private static final String NEW = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:8";

    private static Deployment pending() {
        return new Deployment(DeploymentIds.of(TRIGGER.eventId(), "prod", "web"), "prod", "web", TRIGGER, IMAGE,
                Optional.of("sha256:" + "a".repeat(64)), "rolling", Optional.empty(), Optional.empty(), Optional.empty(),
                DeploymentStatus.PENDING, Optional.empty(), STARTED, Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    @Test
    void keysTheServiceLikeATarget() {
        assertThat(pending().serviceKey()).isEqualTo("prod/web");
    }

    @Test
    void movesThroughAHappyDeployment() {
        Deployment running = pending().moveTo(DeploymentStatus.IN_PROGRESS, Optional.empty(), STARTED.plusSeconds(1));
        Deployment done = running.moveTo(DeploymentStatus.SUCCEEDED, Optional.of("3/3 running; tg web: 3 healthy"), LATER);

        assertThat(running.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(running.finishedAt()).isEmpty();
        assertThat(done.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.finishedAt()).contains(LATER);
        assertThat(done.reason()).contains("3/3 running; tg web: 3 healthy");
        assertThat(done.startedAt()).isEqualTo(STARTED);
        assertThat(done.timeline()).isEmpty();
    }

    @Test
    void keepsTheReasonForRollingBackWhenRolledBackWithoutANewOne() {
        Deployment rolledBack = pending()
                .moveTo(DeploymentStatus.IN_PROGRESS, Optional.empty(), STARTED)
                .moveTo(DeploymentStatus.ROLLING_BACK, Optional.of("2 of 3 targets unhealthy in web: Target.FailedHealthChecks"), LATER)
                .moveTo(DeploymentStatus.ROLLED_BACK, Optional.empty(), LATER.plusSeconds(60));

        assertThat(rolledBack.reason()).contains("2 of 3 targets unhealthy in web: Target.FailedHealthChecks");
        assertThat(rolledBack.finishedAt()).contains(LATER.plusSeconds(60));
    }

    @ParameterizedTest
    @CsvSource({
        "PENDING, SUCCEEDED",
        "PENDING, ROLLING_BACK",
        "PENDING, PENDING",
        "IN_PROGRESS, PENDING",
        "ROLLING_BACK, SUCCEEDED",
    })
    void refusesMovesTheStatusDoesNotAllow(DeploymentStatus from, DeploymentStatus to) {
        Deployment deployment = reach(from);

        assertThatThrownBy(() -> deployment.moveTo(to, Optional.empty(), LATER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("deployment " + deployment.id() + " cannot move from " + from + " to " + to);
    }

    @Test
    void aFinishedDeploymentNeverChangesStatusAgain() {
        Deployment failed = pending().moveTo(DeploymentStatus.FAILED, Optional.of("no container named 'api'"), LATER);

        for (DeploymentStatus next : DeploymentStatus.values()) {
            assertThatThrownBy(() -> failed.moveTo(next, Optional.empty(), LATER.plusSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot move from FAILED to " + next);
        }
    }

    @Test
    void appendsTimelineEntriesInOrderWithoutChangingTheOriginal() {
        Deployment original = pending();
        TimelineEntry registered = new TimelineEntry(STARTED.plusSeconds(2), "registered-task-definition", NEW);
        TimelineEntry updated = new TimelineEntry(STARTED.plusSeconds(3), "updated-service", "prod/web");

        Deployment later = original.append(registered).append(updated);

        assertThat(later.timeline()).containsExactly(registered, updated);
        assertThat(original.timeline()).isEmpty();
        assertThat(later.status()).isEqualTo(original.status());
    }

    @Test
    void recordsTaskDefinitions() {
        Deployment deployment = pending().start(PREVIOUS, NEW, PREVIOUS, LATER, "web:8 from web:7");

        assertThat(deployment.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(deployment.previousTaskDefinitionArn()).contains(PREVIOUS);
        assertThat(deployment.newTaskDefinitionArn()).contains(NEW);
        assertThat(deployment.rollbackTaskDefinitionArn()).contains(PREVIOUS);
        assertThat(deployment.timeline()).extracting(TimelineEntry::step).containsExactly("Prepared revisions");
        // A retried step finds it IN_PROGRESS already: only the revisions are written again.
        assertThat(deployment.start(PREVIOUS, NEW, PREVIOUS, LATER.plusSeconds(1), "again").status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
    }

    @Test
    void aFinalStatusNeedsAFinishTimeAndOnlyAFinalOneHasIt() {
        Deployment p = pending();

        assertThatThrownBy(() -> new Deployment(p.id(), "prod", "web", TRIGGER, IMAGE, Optional.empty(), "rolling",
                Optional.empty(), Optional.empty(), Optional.empty(), DeploymentStatus.SUCCEEDED, Optional.empty(), STARTED,
                Optional.empty(), Optional.empty(), List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deployment " + p.id() + " is SUCCEEDED but has no finish time");
        assertThatThrownBy(() -> new Deployment(p.id(), "prod", "web", TRIGGER, IMAGE, Optional.empty(), "rolling",
                Optional.empty(), Optional.empty(), Optional.empty(), DeploymentStatus.IN_PROGRESS, Optional.empty(), STARTED,
                Optional.of(LATER), Optional.empty(), List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deployment " + p.id() + " is IN_PROGRESS but has a finish time");
    }

    @Test
    void readsAbsentOptionalPartsAsEmptyAndCopiesTheTimeline() {
        Deployment d = new Deployment("d-1", "prod", "web", TRIGGER, IMAGE, null, "rolling", null, null, null,
                DeploymentStatus.PENDING, null, STARTED, null, null, null, null);

        assertThat(d.digest()).isEmpty();
        assertThat(d.reason()).isEmpty();
        assertThat(d.finishedAt()).isEmpty();
        assertThat(d.timeline()).isEmpty();
        assertThat(d.progress()).isEmpty();
        assertThat(d.pendingExecution()).isEmpty();
        assertThat(d.rollbackTaskDefinitionArn()).isEmpty();
    }

    @Test
    void rejectsIncompleteRecords() {
        assertThatThrownBy(() -> new Deployment(" ", "prod", "web", TRIGGER, IMAGE, Optional.empty(), "rolling",
                Optional.empty(), Optional.empty(), Optional.empty(), DeploymentStatus.PENDING, Optional.empty(), STARTED,
                Optional.empty(), Optional.empty(), List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pending().append(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pending().moveTo(DeploymentStatus.IN_PROGRESS, Optional.empty(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void triggersAndTimelineEntriesValidate() {
        assertThat(new Trigger("rollback", "d-0123", "arn:aws:iam::123456789012:user/alice").source()).isEqualTo("rollback");
        assertThatThrownBy(() -> new Trigger("github", "e", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trigger source 'github' must be one of ecr, dockerhub, api, rollback");
        assertThatThrownBy(() -> new Trigger("api", " ", "alice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Trigger("api", "e-1", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TimelineEntry(STARTED, "started", null).detail()).isEmpty();
        assertThatThrownBy(() -> new TimelineEntry(STARTED, " ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimelineEntry(null, "started", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Deployment reach(DeploymentStatus status) {
        return switch (status) {
            case PENDING -> pending();
            case IN_PROGRESS -> pending().moveTo(DeploymentStatus.IN_PROGRESS, Optional.empty(), STARTED);
            case ROLLING_BACK -> reach(DeploymentStatus.IN_PROGRESS).moveTo(DeploymentStatus.ROLLING_BACK, Optional.of("unhealthy"), STARTED);
            default -> throw new IllegalArgumentException("tests only start from unfinished statuses");
        };
    }
}
