package dev.berth.engine;

import static dev.berth.engine.EngineWorld.CLUSTER;
import static dev.berth.engine.EngineWorld.KEY;
import static dev.berth.engine.EngineWorld.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.Trigger;
import dev.berth.engine.fakes.LocalStateMachine.Execution;
import dev.berth.workflow.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record ends final: the sweeper finalises what an execution left in flight, and starts what a trigger left unstarted. */
class DeploymentSweeperTest {

    static final String LOOK = "Look at the step";

    static Stream<Arguments> endings() {
        return Stream.of(
                arguments("ABORTED", Optional.empty(), Optional.empty(), DeploymentStatus.ABORTED, "execution stopped by hand at "),
                arguments("TIMED_OUT", Optional.of("States.Timeout"), Optional.empty(), DeploymentStatus.FAILED, "execution timed out"),
                arguments("FAILED", Optional.of("States.Runtime"), Optional.of("The JSONPath '$.revisions' could not be found"),
                        DeploymentStatus.FAILED, "execution ended FAILED (States.Runtime: The JSONPath '$.revisions' could not be found) "
                                + "without recording an outcome"));
    }

    @ParameterizedTest(name = "execution {0}")
    @MethodSource("endings")
    void anExecutionThatEndedMidRolloutGetsItsRecordFinalAndTheServiceReleased(String how, Optional<String> error,
                                                                              Optional<String> cause, DeploymentStatus expected,
                                                                              String reason) {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        world.run(id).runUntil(LOOK);
        Instant ended = world.ports.clock().instant();
        world.ports.executions().end(id, how, ended, error, cause);
        world.ports.clock().advance(Duration.ofMinutes(5));

        List<DeploymentSweeper.Swept> swept = new DeploymentSweeper(world.ports).sweep(world.log());

        Deployment d = world.record(id);
        assertThat(swept).extracting(DeploymentSweeper.Swept::deploymentId, DeploymentSweeper.Swept::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, expected.name()));
        assertThat(d.status()).isEqualTo(expected);
        assertThat(d.reason()).hasValueSatisfying(r -> assertThat(r).contains(reason)
                .contains("during step 'Roll the service out to the new revision'")
                .endsWith("; the service was left as the execution left it"));
        assertThat(world.ports.leases().lease(KEY).owner()).as("the service is released").isEmpty();
        assertThat(world.ports.events().of(id)).extracting(Deployment::status).containsExactly(expected);
        assertThat(world.updates()).as("the sweeper never touches the service").containsExactly("UpdateService prod/web web:2");
    }

    @Test
    void aStoppedExecutionIsRecordedAsEndingWhenItEnded() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        Instant stoppedAt = world.ports.clock().instant();
        run.stop();
        world.ports.clock().advance(Duration.ofMinutes(10));

        new DeploymentSweeper(world.ports).sweep(world.log());

        assertThat(world.record(id).reason()).hasValueSatisfying(r -> assertThat(r).contains("stopped by hand at " + stoppedAt));
        assertThat(world.record(id).finishedAt()).as("the execution's real end, not when the sweeper came by").contains(stoppedAt);
    }

    @Test
    void aDeploymentStoppedBeforeItChangedAnythingSaysSo() {
        EngineWorld world = new EngineWorld();
        String a = world.push("v2");
        world.run(a).runUntil("Prepare the revisions").stop();
        world.ports.clock().advance(Duration.ofMinutes(3));

        new DeploymentSweeper(world.ports).sweep(world.log());

        assertThat(world.record(a).status()).isEqualTo(DeploymentStatus.ABORTED);
        assertThat(world.record(a).reason()).hasValueSatisfying(r -> assertThat(r).endsWith("; nothing had changed"));
        // The service is free again: the next push deploys.
        String b = world.push("v3");
        Execution runB = world.run(b).runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        runB.runToEnd();
        assertThat(world.record(b).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aRollbackStoppedByHandEndsAborted() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.launch(CLUSTER, SERVICE, "unhealthy", "Target.FailedHealthChecks");
        run.runUntilNext(LOOK).runUntilNext(LOOK).runUntilNext(LOOK);
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.ROLLING_BACK);
        run.stop();
        world.ports.clock().advance(Duration.ofMinutes(3));

        new DeploymentSweeper(world.ports).sweep(world.log());

        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.ABORTED);
        assertThat(world.record(id).reason()).hasValueSatisfying(r ->
                assertThat(r).contains("during step 'Roll the service back to the previous revision'"));
    }

    @Test
    void aPendingRecordWhoseExecutionNeverStartedIsStartedFromItsKeptInput() {
        EngineWorld world = new EngineWorld();
        String input = "{\"deploymentId\":\"d-lost\"}";
        Deployment lost = Deployment.pending("d-lost", CLUSTER, SERVICE, new Trigger("ecr", "e-lost", "ecr:123456789012"),
                EngineWorld.REPO + ":v2", Optional.empty(), "rolling", world.ports.clock().instant(), "ecr push", Optional.of(input));
        world.ports.history().create(lost);
        world.ports.clock().advance(Duration.ofMinutes(3));

        List<DeploymentSweeper.Swept> swept = new DeploymentSweeper(world.ports).sweep(world.log());

        assertThat(swept).containsExactly(new DeploymentSweeper.Swept("d-lost", "started", "its execution had not started"));
        assertThat(world.ports.executions().input("d-lost")).contains(input);
        assertThat(world.record("d-lost").status()).isEqualTo(DeploymentStatus.PENDING);
        assertThat(new DeploymentSweeper(world.ports).sweep(world.log())).as("running now: left to its execution").isEmpty();
    }

    @Test
    void aPushWhoseExecutionStartWasLostDeploysOnceTheSweeperStartsIt() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        String input = world.ports.executions().input(id).orElseThrow();
        // As if the trigger stopped between writing the record and starting the execution.
        EngineWorld fresh = new EngineWorld();
        fresh.ports.history().create(world.record(id));
        fresh.ports.clock().advance(Duration.ofMinutes(3));

        new DeploymentSweeper(fresh.ports).sweep(fresh.log());
        Execution run = fresh.machine.execution(id).runUntil(LOOK);
        fresh.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        assertThat(fresh.ports.executions().input(id)).contains(input);
        assertThat(fresh.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aPendingRecordWithoutItsInputCannotBeStartedAndIsFailed() {
        EngineWorld world = new EngineWorld();
        world.ports.history().create(Deployment.pending("d-old", CLUSTER, SERVICE, new Trigger("ecr", "e-old", "ecr"),
                EngineWorld.REPO + ":v2", Optional.empty(), "rolling", world.ports.clock().instant(), "ecr push", Optional.empty()));
        world.ports.clock().advance(Duration.ofMinutes(3));

        new DeploymentSweeper(world.ports).sweep(world.log());

        assertThat(world.record("d-old").status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(world.record("d-old").reason()).contains("its execution never started and cannot be");
    }

    @Test
    void youngRecordsWithoutAnExecutionAndRunningExecutionsAreLeftAlone() {
        EngineWorld world = new EngineWorld();
        String running = world.push("v2");
        world.run(running).runUntil(LOOK);
        world.ports.clock().advance(Duration.ofMinutes(10));
        String young = world.push("v3");
        world.ports.executions().forget(young); // its trigger may still be about to start it
        world.ports.clock().advance(DeploymentSweeper.GRACE.minusSeconds(1));

        assertThat(new DeploymentSweeper(world.ports).sweep(world.log())).isEmpty();
        assertThat(world.record(running).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(world.record(young).status()).isEqualTo(DeploymentStatus.PENDING);
        assertThat(world.ports.events().published()).isEmpty();
    }

    @Test
    void anExecutionThatEndedIsFinalisedAtOnceHoweverYoungItsRecord() {
        EngineWorld world = new EngineWorld();
        String young = world.push("v3");
        world.ports.executions().end(young, "ABORTED", world.ports.clock().instant(), Optional.empty(), Optional.empty());

        assertThat(new DeploymentSweeper(world.ports).sweep(world.log())).singleElement()
                .satisfies(swept -> assertThat(swept.action()).isEqualTo("ABORTED"));
        assertThat(world.record(young).status()).isEqualTo(DeploymentStatus.ABORTED);
    }

    @Test
    void anOutcomeTheExecutionCouldNotRecordIsRecordedAsDecidedFromItsCause() throws Exception {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        world.run(id).runUntil(LOOK); // in progress: then every state of the execution failed to record its end
        StepState decided = StepState.initial().concluding("SUCCEEDED", "2/2 running; tg web: 2 healthy");
        world.ports.executions().end(id, "FAILED", world.ports.clock().instant(), Optional.of("Berth.NotRecorded"),
                Optional.of(dev.berth.json.Json.mapper().writeValueAsString(decided)));

        assertThat(new DeploymentSweeper(world.ports).sweep(world.log())).singleElement()
                .satisfies(swept -> assertThat(swept.action()).isEqualTo("SUCCEEDED"));
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.record(id).reason()).hasValueSatisfying(r -> assertThat(r).startsWith("2/2 running; tg web: 2 healthy")
                .contains("recorded by the sweeper"));
    }

    @Test
    void finalRecordsAreNotSwept() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();
        world.ports.clock().advance(Duration.ofHours(1));

        assertThat(new DeploymentSweeper(world.ports).sweep(world.log())).isEmpty();
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void oneRecordThatCannotBeSweptDoesNotHoldBackTheOthers() {
        EngineWorld world = new EngineWorld();
        String first = world.push("v2");
        String second = world.push("v3");
        world.ports.executions().end(first, "ABORTED", world.ports.clock().instant(), Optional.empty(), Optional.empty());
        world.ports.executions().end(second, "ABORTED", world.ports.clock().instant(), Optional.empty(), Optional.empty());
        world.ports.history().failUpdates(d -> d.id().equals(first), 1, new dev.berth.ports.TransientAwsException("throttled", null));
        world.ports.clock().advance(Duration.ofMinutes(3));

        List<DeploymentSweeper.Swept> swept = new DeploymentSweeper(world.ports).sweep(world.log());

        assertThat(swept).extracting(DeploymentSweeper.Swept::deploymentId).containsExactly(second);
        assertThat(world.record(first).status()).isEqualTo(DeploymentStatus.PENDING);
        assertThat(new DeploymentSweeper(world.ports).sweep(world.log())).extracting(DeploymentSweeper.Swept::deploymentId)
                .as("the next sweep tries again").containsExactly(first);
    }
}
