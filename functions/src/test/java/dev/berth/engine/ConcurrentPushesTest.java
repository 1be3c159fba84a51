package dev.berth.engine;

import static dev.berth.engine.EngineWorld.CLUSTER;
import static dev.berth.engine.EngineWorld.KEY;
import static dev.berth.engine.EngineWorld.REPO;
import static dev.berth.engine.EngineWorld.SERVICE;
import static dev.berth.engine.EngineWorld.arn;
import static dev.berth.engine.EngineWorld.digest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.engine.fakes.LocalStateMachine.Execution;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several pushes for one service: one deployment changes it at a time, and the newest push wins (policy supersede). */
class ConcurrentPushesTest {

    static final String LOOK = "Look at the step";
    static final String WAIT = "Wait for the service to be free";

    @Test
    void aNewerPushSupersedesTheDeploymentInFlightWhichStopsWithoutRollingBack() {
        EngineWorld world = new EngineWorld();
        String a = world.push("v2");
        Execution runA = world.run(a).runUntil(LOOK);
        String b = world.push("v3");
        Execution runB = world.run(b).runUntil(WAIT);

        assertThat(world.record(b).status()).isEqualTo(DeploymentStatus.PENDING);
        assertThat(world.details(b)).contains("Waiting for the service: deployment " + a + " is in flight for prod/web; "
                + "asked it to stop at its next step");
        runA.runToEnd();
        Deployment superseded = world.record(a);
        assertThat(superseded.status()).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(superseded.reason()).contains("superseded by " + b);
        assertThat(runA.error()).contains("Berth.Superseded");
        assertThat(world.updates()).as("A stopped where it was: no rollback").containsExactly("UpdateService prod/web web:2");

        runB.runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        runB.runToEnd();
        Deployment newest = world.record(b);
        assertThat(newest.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.timeline(b)).containsSubsequence("Triggered", "Waiting for the service", "Acquired the service",
                "Prepared revisions", "Roll the service out to the new revision", "SUCCEEDED");
        String deployed = newest.newTaskDefinitionArn().orElseThrow();
        assertThat(world.details(b)).anyMatch(line -> line.startsWith("Prepared revisions: " + deployed.substring(deployed.lastIndexOf('/') + 1)
                + " from web:2 with"));
        assertThat(newest.previousTaskDefinitionArn()).as("what last completed, not A's half-rolled revision").contains(world.web1);
        assertThat(world.ecs.image(deployed, "web")).isEqualTo(REPO + "@" + digest("v3"));
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2", "UpdateService prod/web " + deployed.substring(deployed.lastIndexOf('/') + 1));
        assertThat(world.ports.leases().lease(KEY).owner()).isEmpty();
    }

    @Test
    void aPushWhileTheFirstHasNotStartedItsStepStopsItBeforeAnyChange() {
        EngineWorld world = new EngineWorld();
        String a = world.push("v2");
        Execution runA = world.run(a).runUntil("Start the next step");
        String b = world.push("v3");
        world.run(b).runUntil(WAIT);
        runA.runToEnd();

        assertThat(world.record(a).status()).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(world.updates()).as("A never changed the service").isEmpty();
    }

    @Test
    void threeRapidPushesTheLastDeploysAndTheOtherTwoAreSuperseded() {
        EngineWorld world = new EngineWorld();
        String a = world.push("v2");
        Execution runA = world.run(a).runUntil(LOOK);
        String b = world.push("v3");
        Execution runB = world.run(b).runUntil(WAIT);
        String c = world.push("v4");
        Execution runC = world.run(c).runUntil(WAIT);

        runB.runToEnd();
        runA.runToEnd();
        runC.runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        runC.runToEnd();

        assertThat(world.record(a).status()).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(world.record(a).reason()).contains("superseded by " + c);
        assertThat(world.record(b).status()).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(world.record(b).reason()).contains("superseded by " + c);
        assertThat(world.record(b).newTaskDefinitionArn()).as("B never prepared anything").isEmpty();
        assertThat(world.record(c).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.ecs.image(world.ecs.taskDefinitionOf(CLUSTER, SERVICE), "web")).isEqualTo(REPO + "@" + digest("v4"));
        assertThat(world.updates()).hasSize(2).first().isEqualTo("UpdateService prod/web web:2");
    }

    @Test
    void threePushesArrivingOutOfOrderTheNewestStillWins() {
        EngineWorld world = new EngineWorld();
        String a = world.push("v2");
        String b = world.push("v3");
        String c = world.push("v4");
        // C's execution gets going first, then A's, then B's.
        Execution runC = world.run(c).runUntil(LOOK);
        Execution runA = world.run(a).runToEnd();
        Execution runB = world.run(b).runToEnd();
        world.ecs.completeRollout(CLUSTER, SERVICE);
        runC.runToEnd();

        assertThat(List.of(world.record(a), world.record(b))).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeploymentStatus.SUPERSEDED);
            assertThat(d.reason()).contains("superseded by " + c);
        });
        assertThat(runA.visits("Prepare the revisions") + runB.visits("Prepare the revisions")).isZero();
        assertThat(world.record(c).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
    }

    @Test
    void policyQueueLetsTheRunningDeploymentFinishThenDeploysTheWaitingOne() {
        EngineWorld world = new EngineWorld("v1.4.2", false, ConcurrencyPolicy.QUEUE, List.of("web"));
        String a = world.push("v2");
        Execution runA = world.run(a).runUntil(LOOK);
        String b = world.push("v3");
        Execution runB = world.run(b).runUntil(WAIT);
        runA.runUntilNext(LOOK);
        runB.runUntilNext(WAIT);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        runA.runToEnd();
        runB.runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        runB.runToEnd();

        assertThat(world.record(a).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.details(b)).contains("Waiting for the service: deployment " + a
                + " is in flight for prod/web; waiting for it to finish (policy queue)");
        assertThat(world.timeline(b)).containsOnlyOnce("Waiting for the service");
        assertThat(world.record(b).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.record(b).previousTaskDefinitionArn()).as("B starts from what A completed").contains(arn("web:2"));
        assertThat(world.ecs.image(world.ecs.taskDefinitionOf(CLUSTER, SERVICE), "web")).isEqualTo(REPO + "@" + digest("v3"));
    }

    @Test
    void policyRejectFailsTheNewPushAndLetsTheRunningOneFinish() {
        EngineWorld world = new EngineWorld("v1.4.2", false, ConcurrencyPolicy.REJECT, List.of("web"));
        String a = world.push("v2");
        Execution runA = world.run(a).runUntil(LOOK);
        String b = world.push("v3");
        Execution runB = world.run(b).runToEnd();
        world.ecs.completeRollout(CLUSTER, SERVICE);
        runA.runToEnd();

        assertThat(world.record(b).status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(world.record(b).reason()).contains("rejected: deployment " + a
                + " is in flight for prod/web (concurrency policy reject); nothing changed");
        assertThat(runB.visits("Prepare the revisions")).isZero();
        assertThat(world.record(a).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
    }

    @Test
    void aDeploymentWhoseHoldLapsedStopsWhenANewerOneTookTheService() {
        EngineWorld world = new EngineWorld();
        String a = world.push("v2");
        Execution runA = world.run(a).runUntil(LOOK);
        // A's execution stalls past its hold (the wait plus five minutes); B finds the service free.
        world.ports.clock().advance(Duration.ofMinutes(6));
        String b = world.push("v3");
        Execution runB = world.run(b).runUntil(LOOK);
        runA.runToEnd();

        assertThat(world.record(a).status()).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(world.record(a).reason()).contains("superseded by " + b + " (this deployment's hold on the service lapsed)");
        world.ecs.completeRollout(CLUSTER, SERVICE);
        runB.runToEnd();
        assertThat(world.record(b).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.ports.leases().lease(KEY).owner()).as("A's conclusion did not release B's hold").isEmpty();
        assertThat(world.updates()).hasSize(2);
    }

    @Test
    void theConclusionOfASupersededDeploymentDoesNotReleaseTheNewerOnesHold() {
        EngineWorld world = new EngineWorld();
        String a = world.push("v2");
        Execution runA = world.run(a).runUntil(LOOK);
        world.ports.clock().advance(Duration.ofMinutes(6));
        String b = world.push("v3");
        world.run(b).runUntil(LOOK);
        runA.runToEnd();

        assertThat(world.ports.leases().lease(KEY).isOwnedBy(b, world.ports.clock().instant())).isTrue();
    }
}
