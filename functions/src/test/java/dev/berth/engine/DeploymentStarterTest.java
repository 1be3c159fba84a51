package dev.berth.engine;

import static dev.berth.engine.EngineWorld.CLUSTER;
import static dev.berth.engine.EngineWorld.REPO;
import static dev.berth.engine.EngineWorld.SERVICE;
import static dev.berth.engine.EngineWorld.digest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentIds;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.image.ImageReference;
import dev.berth.domain.lease.Claim;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.target.TagPolicy;
import dev.berth.domain.target.Target;
import dev.berth.domain.trigger.ImagePush;
import dev.berth.json.Json;
import dev.berth.workflow.DeploymentRequest;
import dev.berth.workflow.Next;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One push fans out to a record and an execution per following service, once however often it is delivered. */
class DeploymentStarterTest {

    private static ImagePush push(String tag, String eventId, Instant at) {
        return new ImagePush(ImageReference.parse(REPO + ":" + tag + "@" + digest(tag)), "ecr", eventId, at);
    }

    @Test
    void aPushRecordsAPendingDeploymentAndStartsItsExecutionWithTheInputItKeeps() throws Exception {
        EngineWorld world = new EngineWorld();
        Instant pushedAt = world.ports.clock().instant().minusSeconds(2);

        PushResult result = new DeploymentStarter(world.ports).start(push("v2", "e-1", pushedAt), "ecr:123456789012", world.log());

        String id = DeploymentIds.of("e-1", CLUSTER, SERVICE);
        assertThat(result.status()).isEqualTo("deploying");
        assertThat(result.deployments()).containsExactly(new PushResult.DeploymentStart(id, CLUSTER, SERVICE, "started"));
        Deployment d = world.record(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.PENDING);
        assertThat(d.image()).isEqualTo(REPO + ":v2@" + digest("v2"));
        assertThat(d.trigger().actor()).isEqualTo("ecr:123456789012");
        String input = world.ports.executions().input(id).orElseThrow();
        assertThat(d.pendingExecution()).contains(input);
        DeploymentRequest request = Json.mapper().readValue(input, DeploymentRequest.class);
        assertThat(request.deploymentId()).isEqualTo(id);
        assertThat(request.containers()).containsExactly("web");
        assertThat(request.source().image()).contains(REPO + ":v2@" + digest("v2"));
        assertThat(request.strategy().strategy()).isEqualTo(EngineWorld.ROLLING);
        assertThat(request.strategy().policy()).isEqualTo(ConcurrencyPolicy.SUPERSEDE);
        assertThat(request.precedence()).isEqualTo(Claim.precedenceOf(pushedAt, world.ports.clock().instant()));
        assertThat(request.step().next()).isEqualTo(Next.PREPARE);
        assertThat(request.error().isPresent()).isFalse();
    }

    @Test
    void aRedeliveredPushStartsNothingNew() {
        EngineWorld world = new EngineWorld();
        DeploymentStarter starter = new DeploymentStarter(world.ports);
        Instant at = world.ports.clock().instant();
        starter.start(push("v2", "e-1", at), "ecr:123456789012", world.log());
        String id = DeploymentIds.of("e-1", CLUSTER, SERVICE);
        world.run(id).runUntil("Look at the step");

        PushResult again = starter.start(push("v2", "e-1", at), "ecr:123456789012", world.log());

        assertThat(again.deployments()).extracting(PushResult.DeploymentStart::outcome).containsExactly("duplicate");
        assertThat(world.ports.executions().count()).isEqualTo(1);
        assertThat(world.ports.executions().starts()).isEqualTo(1);
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
    }

    @Test
    void aRedeliveryFindingTheRecordStillPendingStartsTheExecutionItKept() {
        EngineWorld first = new EngineWorld();
        Instant at = first.ports.clock().instant();
        new DeploymentStarter(first.ports).start(push("v2", "e-1", at), "ecr:123456789012", first.log());
        String id = DeploymentIds.of("e-1", CLUSTER, SERVICE);
        // The first delivery wrote the record and stopped before StartExecution.
        EngineWorld world = new EngineWorld();
        world.ports.history().create(first.record(id));
        world.ports.clock().advanceSeconds(30);

        PushResult redelivered = new DeploymentStarter(world.ports).start(push("v2", "e-1", at), "ecr:123456789012", world.log());

        assertThat(redelivered.deployments()).extracting(PushResult.DeploymentStart::outcome).containsExactly("duplicate");
        assertThat(world.ports.executions().input(id)).as("the input of the first delivery, precedence included")
                .isEqualTo(first.record(id).pendingExecution());
    }

    @Test
    void aPushNoTargetFollowsIsIgnored() {
        EngineWorld world = new EngineWorld();

        PushResult result = new DeploymentStarter(world.ports).start(push("latest", "e-1", world.ports.clock().instant()),
                "ecr:123456789012", world.log());

        assertThat(result.status()).isEqualTo("ignored");
        assertThat(result.reason()).startsWith("no target follows ");
        assertThat(world.ports.executions().count()).isZero();
        assertThat(world.ports.history().inFlight()).isEmpty();
    }

    @Test
    void eachFollowingServiceGetsItsOwnDeployment() {
        EngineWorld world = new EngineWorld();
        world.ports.targets().put(new Target(REPO, TagPolicy.parse("glob", "v*"), "staging", "web", List.of(), EngineWorld.ROLLING));

        PushResult result = new DeploymentStarter(world.ports).start(push("v2", "e-1", world.ports.clock().instant()),
                "ecr:123456789012", world.log());

        assertThat(result.deployments()).extracting(PushResult.DeploymentStart::cluster).containsExactly("prod", "staging");
        assertThat(result.deployments()).extracting(PushResult.DeploymentStart::deploymentId).doesNotHaveDuplicates();
        assertThat(world.ports.executions().count()).isEqualTo(2);
        assertThat(result.reason()).isEqualTo("2 of 2 matching services started");
    }
}
