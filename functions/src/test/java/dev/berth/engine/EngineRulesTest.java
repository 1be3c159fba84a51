package dev.berth.engine;

import static dev.berth.engine.EngineWorld.CLUSTER;
import static dev.berth.engine.EngineWorld.REPO;
import static dev.berth.engine.EngineWorld.SERVICE;
import static dev.berth.engine.EngineWorld.arn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.Trigger;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.plan.Phase;
import dev.berth.engine.fakes.LocalStateMachine.Execution;
import dev.berth.json.Json;
import dev.berth.workflow.CaughtError;
import dev.berth.workflow.DeploymentRequest;
import dev.berth.workflow.DeploymentSource;
import dev.berth.workflow.Next;
import dev.berth.workflow.ObserveStepRequest;
import dev.berth.workflow.Revisions;
import dev.berth.workflow.StartStepRequest;
import dev.berth.workflow.StepState;
import dev.berth.workflow.StrategySettings;
import dev.berth.workflow.TriggerInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rules of the engine's steps that the common paths do not reach. */
class EngineRulesTest {

    static final String LOOK = "Look at the step";

    @Test
    void aRollbackNeverClobbersSomeoneElsesChange() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil(LOOK);
        world.ecs.launch(CLUSTER, SERVICE, "unhealthy", "Target.FailedHealthChecks");
        run.runUntilNext(LOOK).runUntilNext("Start rolling back");
        String theirs = world.ecs.seedTaskDefinition("web", Map.of("web", REPO + ":hotfix"), Map.of());
        world.ecs.setService(CLUSTER, SERVICE, theirs);
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.ABORTED);
        assertThat(d.reason()).contains("prod/web was changed outside Berth (it is set to web:4): Berth left it as it is instead of "
                + "rolling back (2 of 2 targets unhealthy in web: Target.FailedHealthChecks)");
        assertThat(world.ecs.taskDefinitionOf(CLUSTER, SERVICE)).isEqualTo(theirs);
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
    }

    @Test
    void aGivenRevisionIsDeployedAsItIsWithoutRegisteringOne() throws Exception {
        EngineWorld world = new EngineWorld();
        String older = world.ecs.seedTaskDefinition("web", Map.of("web", REPO + "@" + EngineWorld.digest("v0"), "envoy", EngineWorld.ENVOY),
                Map.of());
        DeploymentRequest request = new DeploymentRequest("d-revision", CLUSTER, SERVICE, List.of(), DeploymentSource.ofRevision(older),
                StrategySettings.of(EngineWorld.ROLLING, ConcurrencyPolicy.SUPERSEDE), new TriggerInfo("api", "r-1", "alice"),
                "2026-03-01T12:00:00.000000000Z|2026-03-01T12:00:00.000000000Z", StepState.initial(), CaughtError.none());
        String input = Json.mapper().writeValueAsString(request);
        world.ports.history().create(Deployment.pending("d-revision", CLUSTER, SERVICE, new Trigger("rollback", "r-1", "alice"),
                REPO + "@" + EngineWorld.digest("v0"), Optional.empty(), "rolling", world.ports.clock().instant(), "rollback to web:2",
                Optional.of(input)));
        Execution run = world.machine.start("d-revision", input).runUntil(LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        assertThat(world.record("d-revision").status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.record("d-revision").newTaskDefinitionArn()).contains(older);
        assertThat(world.details("d-revision")).anyMatch(line -> line.startsWith("Prepared revisions: web:2 as given; serving before: web:1"));
        assertThat(world.registrations()).isEmpty();
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
    }

    @Test
    void aStepStartedAfterTheRecordWentFinalOnlyReportsThatEnd() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        world.run(id).runUntil(LOOK);
        world.ports.history().update(id, d -> d.conclude(DeploymentStatus.ABORTED, Optional.of("stopped by hand"), Instant.now()));
        StepState step = new StepState(Phase.FORWARD, 0, "Roll the service out to the new revision", Instant.EPOCH, 10, 0, "",
                Next.NEXT_STEP, "", "", "");

        StepState next = new StepRunner(world.ports).start(new StartStepRequest(id, CLUSTER, SERVICE,
                StrategySettings.of(EngineWorld.ROLLING, ConcurrencyPolicy.SUPERSEDE),
                new Revisions(world.web1, arn("web:2"), arn("web:3")), step, false, CaughtError.none()), world.log());

        assertThat(next.next()).isEqualTo(Next.CONCLUDE);
        assertThat(next.outcome()).isEqualTo("ABORTED");
        assertThat(next.reason()).isEqualTo("stopped by hand");
        assertThat(world.updates()).containsExactly("UpdateService prod/web web:2");
    }

    @Test
    void aLookAtAStepThePlanDoesNotHaveIsABug() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        world.run(id).runUntil(LOOK);
        StepState beyond = new StepState(Phase.FORWARD, 1, "none", Instant.EPOCH, 10, 0, "", Next.OBSERVE, "", "", "");

        assertThatThrownBy(() -> new StepObserver(world.ports).observe(new ObserveStepRequest(id, CLUSTER, SERVICE,
                StrategySettings.of(EngineWorld.ROLLING, ConcurrencyPolicy.SUPERSEDE),
                new Revisions(world.web1, arn("web:2"), arn("web:3")), beyond), world.log()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step 1 is not a step of the FORWARD plan (1 steps)");
    }

    @Test
    void aStepThatFailsWithoutHavingChangedTheServiceEndsFailedWithoutRollingBack() {
        EngineWorld world = new EngineWorld();
        String id = world.push("v2");
        Execution run = world.run(id).runUntil("Start the next step");
        // Renewing the lease at the step boundary fails for good: nothing changed yet, so there is nothing to undo.
        world.ports.leases().failRenewals(10);
        run.runToEnd();

        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.reason()).hasValueSatisfying(r -> assertThat(r).endsWith("(before any change: the service was left as it was)"));
        assertThat(world.updates()).isEmpty();
        assertThat(world.serviceRuns()).isEqualTo("web:1");
    }
}
