package dev.berth.engine;

import static dev.berth.engine.EngineWorld.CLUSTER;
import static dev.berth.engine.EngineWorld.ENVOY;
import static dev.berth.engine.EngineWorld.KEY;
import static dev.berth.engine.EngineWorld.REPO;
import static dev.berth.engine.EngineWorld.SERVICE;
import static dev.berth.engine.EngineWorld.TG;
import static dev.berth.engine.EngineWorld.arn;
import static dev.berth.engine.EngineWorld.digest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.engine.fakes.FakeEcs;
import dev.berth.engine.fakes.LocalStateMachine.Execution;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rolling deployments of one push, driven through the real state machine definition and handlers on
 * in-memory ports: how the rollout goes decides the record, the timeline, and what Berth does to the service.
 */
class RollingDeploymentTest {

    static final String LOOK = "Look at the step";

    @Test
    void aHealthyRolloutSucceeds() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);

        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(world.serviceRuns()).isEqualTo("web:2");
        run.runUntilNext(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(d.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(d.reason()).contains("2/2 running; tg web: 2 healthy; evidence: ECS rollout, load balancer targets");
        assertThat(d.finishedAt()).contains(world.ports.clock().instant());
        assertThat(d.previousTaskDefinitionArn()).contains(world.web1);
        assertThat(d.newTaskDefinitionArn()).contains(arn("web:2"));
        assertThat(world.details(id)).containsExactly(
                "Triggered: ecr push of " + REPO + ":v2@" + digest("v2"),
                "Pre-flight: service prod/web is ACTIVE under the ECS deployment controller",
                "Pre-flight: container web of web:1 will run " + REPO + "@" + digest("v2"),
                "Pre-flight: image shop/web:v2 has linux/amd64 for LINUX/X86_64 (image config)",
                "Prepared revisions: web:2 from web:1 with " + REPO + "@" + digest("v2") + "; serving before: web:1"
                        + "; rollback pinned to running digests as web:3",
                "Roll the service out to the new revision: prod/web set to web:2",
                "Rollout health: IN_PROGRESS: 0/2 running; tg web: no targets; other revisions: 2 running",
                "Rollout health: HEALTHY: 2/2 running; tg web: 2 healthy; evidence: ECS rollout, load balancer targets",
                "SUCCEEDED: 2/2 running; tg web: 2 healthy; evidence: ECS rollout, load balancer targets");
        assertThat(world.ecs.image(arn("web:2"), "web")).isEqualTo(REPO + "@" + digest("v2"));
        assertThat(world.ecs.image(arn("web:2"), "envoy")).isEqualTo(ENVOY);
        assertThat(world.ecs.definition(arn("web:2")).tags()).containsEntry("team", "shop").containsEntry("berth:deployment-id", id);
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
        assertThat(world.ports.leases().lease(KEY).owner()).as("the service is given up").isEmpty();
        assertThat(world.ports.events().of(id)).extracting(Deployment::status).containsExactly(DeploymentStatus.SUCCEEDED);
        assertThat(run.path()).containsSubsequence("Acquire the service", "Is the service ours?", "Prepare the revisions",
                "Start the next step", "Is there a step to watch?", "Wait before looking at the step", LOOK,
                "How is the step going?", "Conclude the deployment", "How did it end?", "Deployment succeeded");
        assertThat(run.logs()).isNotEmpty().allMatch(line -> line.contains("\"deploymentId\":\"" + id + "\""));
    }

    @Test
    void newTargetsUnhealthyForTheThresholdRollBackToTheDigestThatWasRunning() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.launch(CLUSTER, SERVICE, "unhealthy", "Target.FailedHealthChecks");

        run.runUntilNext(LOOK);
        assertThat(world.record(id).status()).as("one unhealthy look of two").isEqualTo(DeploymentStatus.IN_PROGRESS);
        run.runUntilNext(LOOK);
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.ROLLING_BACK);
        assertThat(world.serviceRuns()).isEqualTo("web:3");
        // ECS brings the pinned previous revision back; the bad revision's unhealthy targets linger a while.
        world.ecs.launch(CLUSTER, SERVICE, "healthy", null);
        world.ecs.finishRollout(CLUSTER, SERVICE, true);
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).contains("Berth.RolledBack");
        assertThat(d.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason()).contains("2 of 2 targets unhealthy in web: Target.FailedHealthChecks");
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2", "UpdateService prod/web web:3");
        assertThat(world.ecs.image(arn("web:3"), "web"))
                .as("the rollback runs what web:1's tasks ran, not whatever v1.4.2 points at now")
                .isEqualTo(REPO + "@" + FakeEcs.digestOf(REPO + ":v1.4.2"));
        assertThat(world.ecs.image(arn("web:3"), "envoy")).isEqualTo(ENVOY);
        assertThat(world.timeline(id)).containsSubsequence("Roll the service out to the new revision", "Rollout health",
                "Rollout health", "Roll the service back to the previous revision", "Rollback health", "ROLLED_BACK");
        assertThat(world.ports.leases().lease(KEY).owner()).isEmpty();
    }

    @Test
    void aPreviousRevisionPinnedByDigestIsRolledBackToAsItIs() {
        EngineWorld world = new EngineWorld(REPO + "@" + digest("v1"), false, ConcurrencyPolicy.SUPERSEDE, List.of("web"));
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.launch(CLUSTER, SERVICE, "unhealthy", "Target.Timeout");
        run.runUntilNext(LOOK).runUntilNext(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        assertThat(world.record(id).status()).as("%s", world.details(id)).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(world.record(id).rollbackTaskDefinitionArn()).contains(world.web1);
        assertThat(world.registrations()).containsExactly("RegisterTaskDefinition web:2");
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2", "UpdateService prod/web web:1");
    }

    @Test
    void oneUnhealthyLookThenHealthySucceeds() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.launch(CLUSTER, SERVICE, "unhealthy", "Target.FailedHealthChecks");
        run.runUntilNext(LOOK);
        world.ecs.setTargets(CLUSTER, SERVICE, arn("web:2"), "healthy", null);
        world.ecs.finishRollout(CLUSTER, SERVICE, false);
        run.runToEnd();

        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.details(id)).contains(
                "Rollout health: UNHEALTHY: unhealthy (1 of 2 looks): 2 of 2 targets unhealthy in web: Target.FailedHealthChecks");
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
    }

    @Test
    void anOldTaskGoingUnhealthyDuringTheRolloutDoesNotFailIt() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.setTargets(CLUSTER, SERVICE, world.web1, "unhealthy", "Target.FailedHealthChecks");
        run.runUntilNext(LOOK).runUntilNext(LOOK).runUntilNext(LOOK);
        world.ecs.launch(CLUSTER, SERVICE, "healthy", null);
        run.runUntilNext(LOOK);
        // The old tasks stop, but their unhealthy targets stay registered while they drain.
        world.ecs.finishRollout(CLUSTER, SERVICE, true);
        run.runToEnd();

        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.ports.targetHealth().targets(TG)).anyMatch(t -> t.state().equals("unhealthy"));
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
    }

    @Test
    void anotherServicesUnhealthyTargetInASharedGroupDoesNotFailIt() {
        EngineWorld world = new EngineWorld();
        world.ports.targetHealth().put(TG, "10.0.9.1", 8080, "unhealthy", "Target.FailedHealthChecks");
        world.ports.targetHealth().put(TG, "10.0.9.2", 8080, "healthy", null);
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        run.runUntilNext(LOOK).runUntilNext(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.record(id).reason()).contains("2/2 running; tg web: 2 healthy; evidence: ECS rollout, load balancer targets");
    }

    @Test
    void ecsCircuitBreakerRollbackIsRecordedAsEcsAndBerthDoesNotRollBackOnTopOfIt() {
        EngineWorld world = new EngineWorld("v1.4.2", true, ConcurrencyPolicy.SUPERSEDE, List.of("web"));
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.crash(CLUSTER, SERVICE, 2, "EssentialContainerExited", "Essential container in task exited", 1);
        run.runUntilNext(LOOK);
        assertThat(world.record(id).status()).as("crashes are the breaker's to judge").isEqualTo(DeploymentStatus.IN_PROGRESS);
        world.ecs.tripCircuitBreaker(CLUSTER, SERVICE);
        run.runUntilNext(LOOK);
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.ROLLING_BACK);
        run.runUntilNext(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason()).contains("ECS deployment circuit breaker rolled the service back to web:1: " + FakeEcs.BREAKER_FAILED);
        assertThat(world.details(id)).contains("Watch ECS roll the service back: nothing to change: ECS deployment circuit breaker "
                + "rolled the service back to web:1: " + FakeEcs.BREAKER_FAILED);
        assertThat(world.updates()).as("Berth never rolls back on top of ECS").containsExactly("UpdateService prod/web web:2");
        assertThat(world.serviceRuns()).isEqualTo("web:1");
    }

    @Test
    void someoneElsesUpdateServiceMidRolloutAbortsAndLeavesTheServiceAsTheySetIt() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        String theirs = world.ecs.seedTaskDefinition("web", java.util.Map.of("web", REPO + ":hotfix"), java.util.Map.of());
        world.ecs.setService(CLUSTER, SERVICE, theirs);
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.ABORTED);
        assertThat(d.reason()).contains("service now runs " + theirs + ", not " + arn("web:2")
                + ": changed outside this deployment; Berth stopped and left the service as it is");
        assertThat(run.error()).contains("Berth.Aborted");
        assertThat(world.ecs.taskDefinitionOf(CLUSTER, SERVICE)).isEqualTo(theirs);
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
        assertThat(world.details(id)).contains("Rollout health: CHANGED OUTSIDE BERTH: service now runs " + theirs + ", not "
                + arn("web:2") + ": changed outside this deployment");
    }

    @Test
    void anImageBuiltForAnotherArchitectureFailsInPreFlightBeforeAnythingChanges() {
        EngineWorld world = new EngineWorld();
        world.ports.registry().builtFor(REPO, "linux/arm64");
        String id = world.push("v2");
        world.run(id).runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.reason()).contains("pre-flight: image shop/web:v2 is linux/arm64 only; service prod/web runs LINUX/X86_64:"
                + " build it for linux/amd64 (docker buildx build --platform linux/amd64) or set the task definition's"
                + " runtimePlatform to match");
        assertThat(world.details(id)).contains("Pre-flight: service prod/web is ACTIVE under the ECS deployment controller",
                "Pre-flight: container web of web:1 will run " + REPO + "@" + digest("v2"));
        assertThat(world.registrations()).isEmpty();
        assertThat(world.updates()).isEmpty();
        assertThat(world.serviceRuns()).isEqualTo("web:1");
        assertThat(world.ports.leases().lease(KEY).owner()).isEmpty();
    }

    @Test
    void aMultiArchitectureImageWithTheServicesPlatformDeploys() {
        EngineWorld world = new EngineWorld();
        world.ports.registry().builtFor(REPO, "linux/arm64", "linux/amd64");
        String id = world.push("v2");
        world.run(id).runUntil(LOOK);

        assertThat(world.serviceRuns()).isEqualTo("web:2");
        assertThat(world.details(id)).contains(
                "Pre-flight: image shop/web:v2 has linux/amd64 for LINUX/X86_64 (image index: linux/arm64, linux/amd64)");
    }

    @Test
    void aRegistryThatCannotSayLetsTheDeploymentGoOnAndSaysItDidNotCheck() {
        EngineWorld world = new EngineWorld();
        world.ports.registry().cannotSay(REPO, "GetDownloadUrlForLayer failed: AccessDeniedException");
        String id = world.push("v2");
        world.run(id).runUntil(LOOK);

        assertThat(world.serviceRuns()).isEqualTo("web:2");
        assertThat(world.details(id)).contains(
                "Pre-flight: platform of shop/web:v2 not checked: GetDownloadUrlForLayer failed: AccessDeniedException");
    }

    @Test
    void aFailureBeforeAnyChangeFailsAndLeavesTheServiceUntouched() {
        EngineWorld world = new EngineWorld("v1.4.2", false, ConcurrencyPolicy.SUPERSEDE, List.of("api"));
        String id = world.push("v2");
        Execution run = world.run(id).runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.reason()).contains("pre-flight: task definition web:1 has no container named 'api' (containers: web, envoy)");
        assertThat(run.error()).contains("Berth.DeploymentFailed");
        assertThat(world.updates()).isEmpty();
        assertThat(world.registrations()).isEmpty();
        assertThat(world.serviceRuns()).isEqualTo("web:1");
        assertThat(world.ports.leases().lease(KEY).owner()).isEmpty();
    }

    @Test
    void aServiceUnderTheCodeDeployControllerFailsInPreFlightBeforeAnyRevisionIsRegistered() {
        EngineWorld world = new EngineWorld();
        world.ecs.setServiceControl(CLUSTER, SERVICE, "ACTIVE", java.util.Optional.of("CODE_DEPLOY"));
        String id = world.push("v2");
        Execution run = world.run(id).runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.reason()).hasValueSatisfying(r -> assertThat(r)
                .contains("pre-flight: service prod/web uses the CODE_DEPLOY deployment controller"));
        assertThat(run.error()).contains("Berth.DeploymentFailed");
        assertThat(world.registrations()).isEmpty();
        assertThat(world.updates()).isEmpty();
        assertThat(world.serviceRuns()).isEqualTo("web:1");
    }

    @Test
    void aDrainingServiceFailsInPreFlightAndAnActiveOneRecordsThePassedCheck() {
        EngineWorld draining = new EngineWorld();
        draining.ecs.setServiceControl(CLUSTER, SERVICE, "DRAINING", java.util.Optional.of("ECS"));
        String refused = draining.push("v2");
        draining.run(refused).runToEnd();
        assertThat(draining.record(refused).reason()).hasValueSatisfying(r -> assertThat(r).contains("is DRAINING, not ACTIVE"));
        assertThat(draining.registrations()).isEmpty();

        EngineWorld active = new EngineWorld();
        String id = active.push("v2");
        active.run(id).runUntil(LOOK);
        assertThat(active.details(id)).contains("Pre-flight: service prod/web is ACTIVE under the ECS deployment controller");
    }

    @Test
    void aRolloutThatNeverGetsHealthyFailsAtTheDeadlineAndRollsBack() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        for (int look = 0; look < 31; look++) {
            run.runUntilNext(LOOK);
        }
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.ROLLING_BACK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(world.record(id).reason()).hasValueSatisfying(r -> assertThat(r).startsWith("not healthy within 5m (last: 0/2 running"));
    }

    @Test
    void aRollbackThatDoesNotGetHealthyFailsSayingWhyItRolledBack() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.launch(CLUSTER, SERVICE, "unhealthy", "Target.FailedHealthChecks");
        run.runUntilNext(LOOK).runUntilNext(LOOK).runUntilNext(LOOK);
        world.ecs.launch(CLUSTER, SERVICE, "unhealthy", "Target.Timeout");
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.reason()).contains("rollback did not become healthy: 2 of 2 targets unhealthy in web: Target.Timeout; "
                + "rolled back because: 2 of 2 targets unhealthy in web: Target.FailedHealthChecks");
        assertThat(world.updates()).hasSize(2);
    }
}
