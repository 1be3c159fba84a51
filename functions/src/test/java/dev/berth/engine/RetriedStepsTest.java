package dev.berth.engine;

import static dev.berth.engine.EngineWorld.CLUSTER;
import static dev.berth.engine.EngineWorld.REPO;
import static dev.berth.engine.EngineWorld.SERVICE;
import static dev.berth.engine.EngineWorld.arn;
import static dev.berth.engine.EngineWorld.digest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.engine.fakes.LocalStateMachine.Execution;
import dev.berth.engine.fakes.LocalStateMachine.PlatformError;
import dev.berth.ports.TransientAwsException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step Functions retries a step that failed; a retried step must not do its work twice, and a failed write must not fail a deployment. */
class RetriedStepsTest {

    static final String LOOK = "Look at the step";

    private static TransientAwsException throttled() {
        return new TransientAwsException("PutItem deployment: ProvisionedThroughputExceededException (throttled)", null);
    }

    @Test
    void aRetriedPrepareRegistersNoSecondRevision() {
        EngineWorld world = new EngineWorld(REPO + "@" + digest("v1"), false, ConcurrencyPolicy.SUPERSEDE, List.of("web"));
        String id = world.push("v2");
        // The first attempt registers web:2, then cannot record it: Step Functions retries with RetryCount 1.
        world.ports.history().failUpdates(d -> d.newTaskDefinitionArn().isPresent(), 1, throttled());
        Execution run = world.run(id).runUntil(LOOK);

        assertThat(run.visits("Prepare the revisions")).isEqualTo(1);
        assertThat(world.ports.history().failedUpdates()).isEqualTo(1);
        assertThat(world.registrations()).containsExactly("RegisterTaskDefinition web:2");
        assertThat(world.record(id).newTaskDefinitionArn()).contains(arn("web:2"));
        assertThat(world.serviceRuns()).isEqualTo("web:2");
    }

    /**
     * The same, when the previous revision names its image by tag: the first attempt registers the new revision
     * and then the pinned rollback copy (both tagged with the deployment). The retry must still deploy the new
     * revision, not the newest one the deployment registered.
     */
    @Test
    void aRetriedPrepareDeploysThePushedImageEvenAfterItPinnedTheRollback() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        world.ports.history().failUpdates(d -> d.newTaskDefinitionArn().isPresent(), 1, throttled());
        Execution run = world.run(id).runUntil(LOOK);
        run.runUntilNext(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        assertThat(world.registrations()).as("the new revision and the pinned rollback, once each")
                .containsExactly("RegisterTaskDefinition web:2", "RegisterTaskDefinition web:3");
        assertThat(world.record(id).newTaskDefinitionArn()).contains(arn("web:2"));
        assertThat(world.record(id).rollbackTaskDefinitionArn()).contains(arn("web:3"));
        assertThat(world.ecs.image(world.ecs.taskDefinitionOf(CLUSTER, SERVICE), "web"))
                .as("the service runs the pushed image").isEqualTo(REPO + "@" + digest("v2"));
    }

    @Test
    void aRetriedStartStepDoesNotActTwice() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil("Start the next step");
        Instant firstAttempt = world.ports.clock().instant();
        run.failAfterRunning("Start the next step", new PlatformError("Lambda.ServiceException", "response lost"));
        run.runUntil(LOOK);

        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
        assertThat(world.timeline(id)).containsOnlyOnce("Roll the service out to the new revision");
        assertThat(Instant.parse(run.data().path("step").path("startedAt").asText()))
                .as("the deadline counts from the first attempt").isEqualTo(firstAttempt);
        run.runUntilNext(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aStartStepWhoseRecordIsNotWrittenGoesOnWithoutActingTwice() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        world.ports.history().failUpdates(d -> d.progress().isPresent(), 1, throttled());
        Execution run = world.run(id).runUntil(LOOK);
        run.runUntilNext(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        // The record is history: its write failing neither retries the action nor fails a healthy deployment.
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.timeline(id)).doesNotContain("Roll the service out to the new revision");
    }

    @Test
    void aRetriedStartOfTheRollbackDoesNotRollBackTwice() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.launch(CLUSTER, SERVICE, "unhealthy", "Target.FailedHealthChecks");
        run.runUntilNext(LOOK).runUntilNext("Start rolling back");
        run.failAfterRunning("Start rolling back", new PlatformError("Lambda.TooManyRequestsException", "rate exceeded"));
        run.runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2", "UpdateService prod/web web:3");
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(world.timeline(id)).containsOnlyOnce("Roll the service back to the previous revision");
    }

    @Test
    void aTimelineWriteFailingDuringALookDoesNotFailAHealthyDeployment() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        world.ports.history().failUpdates(d -> d.timeline().getLast().step().equals("Rollout health"), 1, throttled());
        run.runToEnd();

        assertThat(world.ports.history().failedUpdates()).isEqualTo(1);
        assertThat(run.visits(LOOK)).as("the look was not retried: it returned its verdict").isEqualTo(1);
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.timeline(id)).doesNotContain("Rollout health").contains("SUCCEEDED");
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
        assertThat(run.logs()).anyMatch(line -> line.contains("timeline entry not written; the deployment goes on"));
    }

    @Test
    void aTimelineWriteFailingOnEveryLookStillSucceeds() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ports.history().failUpdates(d -> d.timeline().getLast().step().equals("Rollout health"), 100, throttled());
        world.ecs.launch(CLUSTER, SERVICE, "unhealthy", "Target.FailedHealthChecks");
        run.runUntilNext(LOOK);
        world.ecs.setTargets(CLUSTER, SERVICE, arn("web:2"), "initial", null);
        run.runUntilNext(LOOK);
        world.ecs.setTargets(CLUSTER, SERVICE, arn("web:2"), "healthy", null);
        world.ecs.finishRollout(CLUSTER, SERVICE, false);
        run.runToEnd();

        assertThat(world.record(id).status()).as("%s", world.details(id)).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.record(id).timeline()).extracting(TimelineEntry::step).doesNotContain("Rollout health");
    }

    @Test
    void aLeaseRenewalFailingDuringALookIsNoReasonToStop() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ports.leases().failRenewals(1);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(run.logs()).anyMatch(line -> line.contains("lease not renewed; looking anyway"));
    }

    @Test
    void aStepThatFailsBeyondRetriesAfterChangingTheServiceRollsBack() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        // The look fails with an error no retry fixes: the Catch starts the rollback, with the error as the reason.
        run.failAfterRunning(LOOK, new IllegalStateException("ecs:DescribeServices AccessDenied"));
        run.runUntilNext(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        assertThat(world.record(id).status()).as("%s", world.details(id)).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(world.record(id).reason()).contains("ecs:DescribeServices AccessDenied");
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2", "UpdateService prod/web web:3");
    }
}
