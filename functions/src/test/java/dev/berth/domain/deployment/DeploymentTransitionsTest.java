package dev.berth.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.plan.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The status transitions of a deployment record: {@code pending}, {@code start}, {@code stepStarted}, {@code rollingBack}, {@code conclude}. */
class DeploymentTransitionsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant T1 = T0.plusSeconds(5);
    private static final Instant T2 = T0.plusSeconds(65);
    private static final String PREVIOUS = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7";
    private static final String NEW = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:8";
    private static final String PINNED = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:9";
    private static final String INPUT = "{\"deploymentId\":\"d-1\"}";

    private static Deployment pending() {
        return Deployment.pending("d-1", "prod", "web", new Trigger("ecr", "e-1", "ecr:123456789012"),
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v2", Optional.of("sha256:" + "a".repeat(64)), "rolling", T0,
                "ecr push of shop/web:v2", Optional.of(INPUT));
    }

    private static Deployment in(DeploymentStatus status) {
        Deployment started = pending().start(PREVIOUS, NEW, PREVIOUS, T1, "web:8 from web:7");
        return switch (status) {
            case PENDING -> pending();
            case IN_PROGRESS -> started;
            case ROLLING_BACK -> started.rollingBack("2 of 2 targets unhealthy", T2);
            case ROLLED_BACK -> in(DeploymentStatus.ROLLING_BACK).conclude(status, Optional.empty(), T2);
            default -> started.conclude(status, Optional.of("done before"), T2);
        };
    }

    @Test
    void aTriggeredDeploymentIsPendingWithItsTriggerAndTheInputToStartItWith() {
        Deployment d = pending();

        assertThat(d.status()).isEqualTo(DeploymentStatus.PENDING);
        assertThat(d.startedAt()).isEqualTo(T0);
        assertThat(d.finishedAt()).isEmpty();
        assertThat(d.timeline()).containsExactly(new TimelineEntry(T0, "Triggered", "ecr push of shop/web:v2"));
        assertThat(d.pendingExecution()).contains(INPUT);
        assertThat(d.previousTaskDefinitionArn()).isEmpty();
        assertThat(d.newTaskDefinitionArn()).isEmpty();
        assertThat(d.progress()).isEmpty();
        assertThat(d.serviceKey()).isEqualTo("prod/web");
    }

    @Test
    void startingRecordsTheRevisionsMovesToInProgressAndDropsTheExecutionInput() {
        Deployment d = pending().start(PREVIOUS, NEW, PINNED, T1, "web:8 from web:7; rollback pinned as web:9");

        assertThat(d.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(d.previousTaskDefinitionArn()).contains(PREVIOUS);
        assertThat(d.newTaskDefinitionArn()).contains(NEW);
        assertThat(d.rollbackTaskDefinitionArn()).contains(PINNED);
        assertThat(d.pendingExecution()).isEmpty();
        assertThat(d.finishedAt()).isEmpty();
        assertThat(d.startedAt()).as("when it was triggered, not when it started").isEqualTo(T0);
        assertThat(d.timeline().getLast()).isEqualTo(new TimelineEntry(T1, "Prepared revisions", "web:8 from web:7; rollback pinned as web:9"));
    }

    @Test
    void aRetriedStartStaysInProgressAndWritesTheRevisionsAgain() {
        Deployment once = pending().start(PREVIOUS, NEW, PREVIOUS, T1, "first");
        Deployment again = once.start(PREVIOUS, NEW, PINNED, T2, "again");

        assertThat(again.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(again.rollbackTaskDefinitionArn()).contains(PINNED);
    }

    @Test
    void theRollbackRevisionCanBeRecordedBeforeTheOthers() {
        Deployment d = pending().withRollbackTaskDefinitionArn(PINNED);

        assertThat(d.rollbackTaskDefinitionArn()).contains(PINNED);
        assertThat(d.status()).isEqualTo(DeploymentStatus.PENDING);
        assertThat(d.newTaskDefinitionArn()).isEmpty();
        assertThat(d.timeline()).isEqualTo(pending().timeline());
    }

    @Test
    void aStartedStepMovesProgressOnAndSaysWhatItDid() {
        Progress first = new Progress(Phase.FORWARD, 0, "Roll the service out to the new revision", T1, "");
        Deployment d = in(DeploymentStatus.IN_PROGRESS).stepStarted(first, "prod/web set to web:8");

        assertThat(d.progress()).contains(first);
        assertThat(d.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(d.timeline().getLast()).isEqualTo(new TimelineEntry(T1, "Roll the service out to the new revision", "prod/web set to web:8"));

        Progress undo = new Progress(Phase.ROLLBACK, 0, "Roll the service back to the previous revision", T2, "failure");
        Deployment undoing = d.rollingBack("2 of 2 targets unhealthy", T2).stepStarted(undo, "prod/web set back to web:7");
        assertThat(undoing.progress()).contains(undo);
        assertThat(undoing.status()).isEqualTo(DeploymentStatus.ROLLING_BACK);
        assertThat(undoing.reason()).contains("2 of 2 targets unhealthy");
        assertThat(undoing.finishedAt()).isEmpty();
    }

    @Test
    void rollingBackIsRecordedOnceWithTheFirstReason() {
        Deployment rolling = in(DeploymentStatus.IN_PROGRESS).rollingBack("2 of 2 targets unhealthy", T2);

        assertThat(rolling.status()).isEqualTo(DeploymentStatus.ROLLING_BACK);
        assertThat(rolling.reason()).contains("2 of 2 targets unhealthy");
        assertThat(rolling.rollingBack("a retried step", T2.plusSeconds(1))).isEqualTo(rolling);
    }

    @ParameterizedTest
    @EnumSource(value = DeploymentStatus.class, names = {"SUCCEEDED", "ROLLED_BACK", "FAILED", "ABORTED", "SUPERSEDED"})
    void aFinalRecordIsNotRolledBack(DeploymentStatus done) {
        Deployment finished = in(done);

        assertThat(finished.rollingBack("too late", T2.plusSeconds(5))).isEqualTo(finished);
    }

    /** Every non-final status concluded with every outcome: what it ends as, and why. */
    static Stream<Arguments> conclusions() {
        String recorded = " (recorded as FAILED: a %s deployment cannot become %s)";
        return Stream.of(
                arguments(DeploymentStatus.PENDING, DeploymentStatus.SUCCEEDED, "given", DeploymentStatus.FAILED,
                        "given" + recorded.formatted("PENDING", "SUCCEEDED")),
                arguments(DeploymentStatus.PENDING, DeploymentStatus.ROLLED_BACK, "given", DeploymentStatus.FAILED,
                        "given" + recorded.formatted("PENDING", "ROLLED_BACK")),
                arguments(DeploymentStatus.PENDING, DeploymentStatus.FAILED, "no container named 'api'", DeploymentStatus.FAILED,
                        "no container named 'api'"),
                arguments(DeploymentStatus.PENDING, DeploymentStatus.ABORTED, "execution stopped by hand", DeploymentStatus.ABORTED,
                        "execution stopped by hand"),
                arguments(DeploymentStatus.PENDING, DeploymentStatus.SUPERSEDED, "superseded by d-2", DeploymentStatus.SUPERSEDED,
                        "superseded by d-2"),
                arguments(DeploymentStatus.IN_PROGRESS, DeploymentStatus.SUCCEEDED, "2/2 running", DeploymentStatus.SUCCEEDED, "2/2 running"),
                arguments(DeploymentStatus.IN_PROGRESS, DeploymentStatus.ROLLED_BACK, "given", DeploymentStatus.FAILED,
                        "given" + recorded.formatted("IN_PROGRESS", "ROLLED_BACK")),
                arguments(DeploymentStatus.IN_PROGRESS, DeploymentStatus.FAILED, "ECS rollout failed: x", DeploymentStatus.FAILED,
                        "ECS rollout failed: x"),
                arguments(DeploymentStatus.IN_PROGRESS, DeploymentStatus.ABORTED, "service now runs web:9", DeploymentStatus.ABORTED,
                        "service now runs web:9"),
                arguments(DeploymentStatus.IN_PROGRESS, DeploymentStatus.SUPERSEDED, "superseded by d-2", DeploymentStatus.SUPERSEDED,
                        "superseded by d-2"),
                arguments(DeploymentStatus.ROLLING_BACK, DeploymentStatus.SUCCEEDED, "given", DeploymentStatus.FAILED,
                        "given" + recorded.formatted("ROLLING_BACK", "SUCCEEDED")),
                arguments(DeploymentStatus.ROLLING_BACK, DeploymentStatus.ROLLED_BACK, null, DeploymentStatus.ROLLED_BACK,
                        "2 of 2 targets unhealthy"),
                arguments(DeploymentStatus.ROLLING_BACK, DeploymentStatus.FAILED, "rollback did not become healthy: 0/2 running",
                        DeploymentStatus.FAILED, "rollback did not become healthy: 0/2 running; rolled back because: 2 of 2 targets unhealthy"),
                arguments(DeploymentStatus.ROLLING_BACK, DeploymentStatus.FAILED, null,
                        DeploymentStatus.FAILED, "rollback failed; rolled back because: 2 of 2 targets unhealthy"),
                arguments(DeploymentStatus.ROLLING_BACK, DeploymentStatus.ABORTED, "prod/web was changed outside Berth",
                        DeploymentStatus.ABORTED, "prod/web was changed outside Berth"),
                arguments(DeploymentStatus.ROLLING_BACK, DeploymentStatus.SUPERSEDED, "superseded by d-2", DeploymentStatus.SUPERSEDED,
                        "superseded by d-2"));
    }

    @ParameterizedTest(name = "{0} concluded {1} -> {3}")
    @MethodSource("conclusions")
    void concludes(DeploymentStatus from, DeploymentStatus outcome, String given, DeploymentStatus expected, String reason) {
        Deployment before = in(from);
        Instant at = T2.plusSeconds(30);

        Deployment done = before.conclude(outcome, Optional.ofNullable(given), at);

        assertThat(done.status()).isEqualTo(expected);
        assertThat(done.reason()).contains(reason);
        assertThat(done.finishedAt()).contains(at);
        assertThat(done.pendingExecution()).isEmpty();
        assertThat(done.timeline()).hasSize(before.timeline().size() + 1);
        assertThat(done.timeline().getLast()).isEqualTo(new TimelineEntry(at, expected.name(), reason));
        assertThat(done.conclude(DeploymentStatus.SUCCEEDED, Optional.of("a retried conclusion"), at.plusSeconds(9)))
                .as("the first final word stands").isEqualTo(done);
    }

    @ParameterizedTest
    @EnumSource(value = DeploymentStatus.class, names = {"SUCCEEDED", "ROLLED_BACK", "FAILED", "ABORTED", "SUPERSEDED"})
    void aFinalRecordKeepsItsFinalWord(DeploymentStatus done) {
        Deployment finished = in(done);

        for (DeploymentStatus outcome : List.of(DeploymentStatus.SUCCEEDED, DeploymentStatus.FAILED, DeploymentStatus.ABORTED)) {
            assertThat(finished.conclude(outcome, Optional.of("later"), T2.plusSeconds(60))).isEqualTo(finished);
        }
    }
}
