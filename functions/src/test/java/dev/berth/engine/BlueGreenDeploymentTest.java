package dev.berth.engine;

import static dev.berth.engine.BlueGreenWorld.ALARM;
import static dev.berth.engine.BlueGreenWorld.BLUE;
import static dev.berth.engine.BlueGreenWorld.CLUSTER;
import static dev.berth.engine.BlueGreenWorld.GREEN;
import static dev.berth.engine.BlueGreenWorld.LISTENER;
import static dev.berth.engine.BlueGreenWorld.TEST_LISTENER;
import static dev.berth.engine.BlueGreenWorld.weights;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.traffic.TrafficSchedule;
import dev.berth.domain.traffic.TrafficStep;
import dev.berth.engine.fakes.LocalStateMachine.Execution;
import dev.berth.workflow.GateAnswer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Blue/green deployments through the real state machine definition and handlers on in-memory ports: the idle color
 * comes up on the new revision, traffic shifts on the schedule (each write read back and baked under health and
 * alarms), and any failure puts all traffic back on the old color and scales the new one down.
 */
class BlueGreenDeploymentTest {

    static final String LOOK = "Look at the step";

    /** Runs until the new color's first look, brings its tasks up healthy, and runs on. */
    private static Execution greenComesUp(BlueGreenWorld world, String id) {
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, GREEN);
        return run;
    }

    @Test
    void aCanaryShiftsTenPercentBakesThenAllAndScalesTheOldColorDown() {
        BlueGreenWorld world = new BlueGreenWorld();
        String id = world.push("v2");
        Execution run = greenComesUp(world, id).runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(d.reason()).contains("green is live with 100% of traffic; blue (shop-blue) scaled down to 0 tasks");
        assertThat(d.newColor()).contains("green");
        assertThat(world.production()).containsExactly(0, 100);
        assertThat(world.ports.routing().writes()).containsExactly(
                LISTENER + " {" + BlueGreenWorld.GREEN_TG + "=10, " + BlueGreenWorld.BLUE_TG + "=90}",
                LISTENER + " {" + BlueGreenWorld.GREEN_TG + "=100, " + BlueGreenWorld.BLUE_TG + "=0}");
        assertThat(world.running(GREEN)).isEqualTo(2);
        assertThat(world.running(BLUE)).isZero();
        assertThat(world.ecs.calls("UpdateService")).containsExactly("UpdateService prod/shop-green shop:2 x2", "UpdateService prod/shop-blue x0");
        assertThat(world.steps(id)).containsSubsequence("Pre-flight", "Prepared revisions", "Start green on the new revision",
                "Rollout health", "Shift 10% of traffic to green", "Traffic", "Shift all traffic to green", "Traffic",
                "Keep blue for the termination wait", "Scale blue down", "SUCCEEDED");
        assertThat(world.details(id)).anySatisfy(line -> assertThat(line)
                .startsWith("Pre-flight: blue is live (the production listener forwards blue 100% / green 0%)"));
        assertThat(world.details(id)).anySatisfy(line -> assertThat(line)
                .isEqualTo("Shift 10% of traffic to green: production listener set to green 10% / blue 90%"));
        assertThat(world.details(id)).anySatisfy(line -> assertThat(line).startsWith("Traffic: HEALTHY: production listener at green 10% / blue 90% (read back)")
                .contains("alarms OK (shop-5xx)").contains("baked 1m"));
        assertThat(run.path()).contains("Wait before looking at the step").doesNotContain("Wait for promote or abort");
    }

    @Test
    void theNextDeploymentBringsUpTheOtherColor() {
        BlueGreenWorld world = new BlueGreenWorld();
        greenComesUp(world, world.push("v2")).runToEnd();
        String second = world.push("v3");
        Execution run = world.run(second).runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, BLUE);
        run.runToEnd();

        assertThat(world.record(second).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.record(second).newColor()).contains("blue");
        assertThat(world.production()).containsExactly(100, 0);
        assertThat(world.running(BLUE)).isEqualTo(2);
        assertThat(world.running(GREEN)).isZero();
        assertThat(world.details(second)).anySatisfy(line -> assertThat(line)
                .startsWith("Pre-flight: green is live (the production listener forwards green 100% / blue 0%), as the last deployment left it"));
    }

    @Test
    void aNewColorThatNeverBecomesHealthyFailsBeforeAnyTrafficMoves() {
        BlueGreenWorld world = new BlueGreenWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.launch(CLUSTER, GREEN, "unhealthy", "Target.FailedHealthChecks");
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason()).hasValueSatisfying(r -> assertThat(r).contains("unhealthy"));
        assertThat(world.ports.routing().writes()).as("no traffic had moved: nothing written").isEmpty();
        assertThat(world.details(id)).contains("Shift all traffic back to blue: production listener already at green 0% / blue 100%: nothing to write ("
                + d.reason().orElseThrow().replace("; rolled back because: ", "") + ")");
        assertThat(world.running(GREEN)).isZero();
        assertThat(world.running(BLUE)).isEqualTo(2);
    }

    @Test
    void targetsTurningUnhealthyAtTenPercentShiftEverythingBackToBlue() {
        BlueGreenWorld world = new BlueGreenWorld();
        String id = world.push("v2");
        Execution run = greenComesUp(world, id).runUntil("Start the next step").runUntilNext(LOOK); // into the 10% bake
        assertThat(world.production()).containsExactly(90, 10);
        world.ecs.setTargets(CLUSTER, GREEN, world.ecs.taskDefinitionOf(CLUSTER, GREEN), "unhealthy", "Target.ResponseCodeMismatch");
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("green at green 10% / blue 90%: ").contains("unhealthy"));
        assertThat(world.production()).containsExactly(100, 0);
        assertThat(world.running(GREEN)).isZero();
        assertThat(world.running(BLUE)).isEqualTo(2);
        assertThat(world.steps(id)).containsSubsequence("Shift 10% of traffic to green", "Shift all traffic back to blue", "Scale green down",
                "ROLLED_BACK");
    }

    @Test
    void anAlarmGoingOffMidCanaryRollsBackAtTheNextLook() {
        BlueGreenWorld world = new BlueGreenWorld();
        String id = world.push("v2");
        Execution run = greenComesUp(world, id).runUntil("Start the next step").runUntilNext(LOOK);
        world.ports.alarms().set(ALARM, "ALARM");
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason().orElseThrow()).contains("alarm shop-5xx is in ALARM at green 10% / blue 90%");
        assertThat(world.production()).containsExactly(100, 0);
        assertThat(world.running(GREEN)).isZero();
    }

    @Test
    void anAlarmAlreadyInAlarmFailsBeforeAnythingChanges() {
        BlueGreenWorld world = new BlueGreenWorld();
        world.ports.alarms().set(ALARM, "ALARM");
        String id = world.push("v2");
        world.run(id).runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.reason().orElseThrow()).contains("pre-flight: alarm shop-5xx is in ALARM before anything moved");
        assertThat(world.ecs.calls("UpdateService")).isEmpty();
        assertThat(world.ecs.calls("RegisterTaskDefinition")).isEmpty();
        assertThat(world.ports.routing().writes()).isEmpty();
    }

    @Test
    void aListenerNotAtOneHundredToZeroIsRefusedWithoutGuessing() {
        BlueGreenWorld world = new BlueGreenWorld();
        world.ports.routing().editByHand(LISTENER, weights(70, 30));
        String id = world.push("v2");
        world.run(id).runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("pre-flight: ").contains("70%").contains("30%"));
        assertThat(world.ports.routing().writes()).isEmpty();
        assertThat(world.production()).containsExactly(70, 30);
    }

    @Test
    void aListenerEditedByHandMidCanaryIsReportedAndRolledBack() {
        BlueGreenWorld world = new BlueGreenWorld();
        String id = world.push("v2");
        Execution run = greenComesUp(world, id).runUntil("Start the next step").runUntilNext(LOOK);
        world.ports.routing().editByHand(LISTENER, weights(50, 50));
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason().orElseThrow()).contains("production listener changed outside Berth: it forwards green 50% / blue 50% where Berth set green 10% / blue 90%");
        assertThat(world.production()).containsExactly(100, 0);
    }

    @Test
    void aManualGateWaitsAndPromoteCompletes() {
        BlueGreenWorld world = new BlueGreenWorld();
        world.follow(TrafficSchedule.parse("canary", 10, 60L, null, null, null), true, Optional.empty());
        String id = world.push("v2");
        Execution run = greenComesUp(world, id).runToEnd();

        assertThat(run.isRunning()).isTrue();
        assertThat(run.blocked()).as("waiting at the gate").isTrue();
        assertThat(world.production()).containsExactly(90, 10);
        assertThat(world.record(id).gateToken()).isEqualTo(run.waitingToken());
        new GateKeeper(world.ports).answer(new GateAnswer(id, "promote", "alice", "canary looks good"), log(world));
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(d.gateToken()).isEmpty();
        assertThat(world.production()).containsExactly(0, 100);
        assertThat(world.details(id)).contains("Manual gate: promoted by alice: canary looks good");
    }

    @Test
    void abortAtTheGateRollsBack() {
        BlueGreenWorld world = new BlueGreenWorld();
        world.follow(TrafficSchedule.parse("canary", 10, 60L, null, null, null), true, Optional.empty());
        String id = world.push("v2");
        Execution run = greenComesUp(world, id).runToEnd();
        new GateKeeper(world.ports).answer(new GateAnswer(id, "abort", "bob", "latency up"), log(world));
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason().orElseThrow()).contains("aborted by bob: latency up");
        assertThat(world.production()).containsExactly(100, 0);
        assertThat(world.running(GREEN)).isZero();
    }

    @Test
    void aGateNobodyAnswersRollsBackWhenItTimesOut() {
        BlueGreenWorld world = new BlueGreenWorld();
        world.follow(TrafficSchedule.parse("canary", 10, 60L, null, null, null), true, Optional.empty());
        String id = world.push("v2");
        Execution run = greenComesUp(world, id).runToEnd();
        world.ports.clock().advance(Duration.ofMinutes(31));
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason().orElseThrow()).contains("no one promoted or aborted within 30m");
        assertThat(world.production()).containsExactly(100, 0);
    }

    @Test
    void linearStepsUpByTheWeightAndTheTestListenerGoesFirst() {
        BlueGreenWorld world = new BlueGreenWorld();
        world.follow(TrafficSchedule.parse("linear", null, null, 33, 20L, null), false, Optional.of(TEST_LISTENER));
        String id = world.push("v2");
        greenComesUp(world, id).runToEnd();

        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.ports.routing().writes()).extracting(w -> w.substring(0, w.indexOf(' ')).equals(TEST_LISTENER) ? "test "
                + w.substring(w.indexOf('=') + 1, w.indexOf(',')) : w.substring(w.indexOf('=') + 1, w.indexOf(',')))
                .containsExactly("test 100", "33", "66", "100");
    }

    @Test
    void explicitStepsRunInOrder() {
        BlueGreenWorld world = new BlueGreenWorld();
        world.follow(TrafficSchedule.parse("steps", null, null, null, null, List.of(new TrafficStep.Shift(5, Duration.ofSeconds(20)),
                new TrafficStep.Shift(25, Duration.ofSeconds(20)), new TrafficStep.Shift(100, Duration.ZERO))), false, Optional.empty());
        String id = world.push("v2");
        greenComesUp(world, id).runToEnd();

        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.ports.routing().writes()).extracting(w -> w.substring(w.indexOf('=') + 1, w.indexOf(',')))
                .containsExactly("5", "25", "100");
    }

    @Test
    void aNewerPushDuringTheCanaryPutsTrafficBackFirstThenDeploys() {
        BlueGreenWorld world = new BlueGreenWorld();
        String first = world.push("v2");
        Execution run = greenComesUp(world, first).runUntil("Start the next step").runUntilNext(LOOK);
        String second = world.push("v3");
        Execution next = world.run(second).runUntil("Wait for the service to be free");
        run.runToEnd();

        assertThat(world.record(first).status()).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(world.record(first).reason().orElseThrow()).as(String.join("\n", world.details(first))).contains("superseded by " + second);
        assertThat(world.production()).as(String.join("\n", world.details(first)) + run.path()).containsExactly(100, 0);
        assertThat(world.production()).containsExactly(100, 0);
        assertThat(world.running(GREEN)).isZero();
        next.runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, GREEN);
        next.runToEnd();
        assertThat(world.record(second).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.record(second).newColor()).as("the undone deployment left blue live").contains("green");
    }

    @Test
    void aNewerPushWakesADeploymentWaitingAtItsGateWhichPutsTrafficBackFirst() {
        BlueGreenWorld world = new BlueGreenWorld();
        world.follow(TrafficSchedule.parse("canary", 10, 60L, null, null, null), true, Optional.empty());
        String first = world.push("v2");
        Execution run = greenComesUp(world, first).runToEnd();
        assertThat(run.blocked()).isTrue();
        String second = world.push("v3");
        Execution next = world.run(second).runUntil("Wait for the service to be free");

        assertThat(run.blocked()).as("the newer push failed the gate for it").isFalse();
        run.runToEnd();
        Deployment older = world.record(first);
        assertThat(older.status()).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(older.reason()).contains("superseded by " + second);
        assertThat(world.production()).containsExactly(100, 0);
        assertThat(world.running(GREEN)).isZero();
        next.runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, GREEN);
        next.runToEnd();
        assertThat(run.isRunning()).isFalse();
        assertThat(next.blocked()).as("the newer one deploys, to its own gate").isTrue();
        new GateKeeper(world.ports).answer(new GateAnswer(second, "promote", "alice", null), log(world));
        next.runToEnd();
        assertThat(world.record(second).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.production()).containsExactly(0, 100);
    }

    private static dev.berth.log.DeploymentLog log(BlueGreenWorld world) {
        return dev.berth.log.DeploymentLog.of(new dev.berth.engine.fakes.LocalContext("test", world.logs));
    }
}
