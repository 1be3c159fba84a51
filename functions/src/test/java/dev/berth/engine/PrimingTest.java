package dev.berth.engine;

import static dev.berth.engine.EngineWorld.CLUSTER;
import static dev.berth.engine.EngineWorld.REPO;
import static dev.berth.engine.EngineWorld.SERVICE;
import static dev.berth.engine.EngineWorld.arn;
import static dev.berth.engine.EngineWorld.digest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.engine.fakes.InMemoryPorts;
import dev.berth.engine.fakes.LocalContext;
import dev.berth.engine.fakes.LocalStateMachine;
import dev.berth.handlers.AcquireServiceHandler;
import dev.berth.handlers.AnswerGateHandler;
import dev.berth.handlers.AwaitGateHandler;
import dev.berth.handlers.ConcludeDeploymentHandler;
import dev.berth.handlers.EcrPushHandler;
import dev.berth.handlers.JsonStreamHandler;
import dev.berth.handlers.ObserveStepHandler;
import dev.berth.handlers.PrepareRevisionHandler;
import dev.berth.handlers.Priming;
import dev.berth.handlers.StartStepHandler;
import dev.berth.handlers.SweepDeploymentsHandler;
import dev.berth.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming ({@link Priming}) on in-memory ports: the hooks call no port, and handlers primed
 * before the snapshot then serve real requests as unprimed ones do.
 */
class PrimingTest {

    static Stream<Function<InMemoryPorts, JsonStreamHandler<?, ?>>> handlers() {
        return Stream.of(EcrPushHandler::new, AcquireServiceHandler::new, PrepareRevisionHandler::new, StartStepHandler::new,
                ObserveStepHandler::new, AwaitGateHandler::new, AnswerGateHandler::new, ConcludeDeploymentHandler::new,
                SweepDeploymentsHandler::new);
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void primingReadsAndWritesTheSamplesButCallsNoPort(Function<InMemoryPorts, JsonStreamHandler<?, ?>> make) throws Exception {
        InMemoryPorts ports = new InMemoryPorts();
        JsonStreamHandler<?, ?> handler = make.apply(ports);

        handler.priming().beforeCheckpoint(null);
        handler.priming().afterRestore(null);

        assertThat(ports.ecs().calls()).isEmpty();
        assertThat(ports.history().updates()).isZero();
        assertThat(ports.history().inFlight()).isEmpty();
        assertThat(ports.history().forService("shop", "web", 10)).isEmpty();
        assertThat(ports.leases().find("shop/web")).isEmpty();
        assertThat(ports.executions().input("d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f")).isEmpty();
        assertThat(ports.executions().answers()).isEmpty();
        assertThat(ports.events().published()).isEmpty();
        assertThat(ports.registry().asked()).isEmpty();
        assertThat(ports.routing().writes()).isEmpty();
        assertThat(ports.alarms().calls()).isZero();
        assertThat(ports.targetHealth().describes()).isZero();
    }

    @Test
    void primedHandlersDeployARealPushToTheEnd() throws Exception {
        EngineWorld world = new EngineWorld();
        List<String> seeded = new ArrayList<>(world.ecs.calls());
        int updates = world.ports.history().updates();
        EcrPushHandler push = new EcrPushHandler(world.ports);
        push.priming().beforeCheckpoint(null);
        push.priming().afterRestore(null);
        world.machine.prime();
        assertThat(world.ecs.calls()).isEqualTo(seeded);
        assertThat(world.ports.history().updates()).isEqualTo(updates);
        assertThat(world.ports.history().inFlight()).isEmpty();

        JsonNode answer = invoke(push, """
                {"version": "0", "id": "primed-push-1", "detail-type": "ECR Image Action", "source": "aws.ecr",
                 "account": "123456789012", "time": "2026-03-01T12:00:00Z", "region": "us-east-1", "resources": [],
                 "detail": {"result": "SUCCESS", "repository-name": "shop/web", "image-digest": "%s",
                            "action-type": "PUSH", "image-tag": "v2"}}""".formatted(digest("v2")));
        assertThat(answer.path("status").asText()).isEqualTo("deploying");
        String id = answer.path("deployments").path(0).path("deploymentId").asText();
        assertThat(answer.path("deployments").path(0).path("outcome").asText()).isEqualTo("started");

        LocalStateMachine.Execution run = world.run(id).runUntil(RollingDeploymentTest.LOOK);
        run.runUntilNext(RollingDeploymentTest.LOOK);
        world.ecs.completeRollout(CLUSTER, SERVICE);
        run.runToEnd();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(world.record(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(world.record(id).newTaskDefinitionArn()).contains(arn("web:2"));
        assertThat(world.ecs.image(arn("web:2"), "web")).isEqualTo(REPO + "@" + digest("v2"));
    }

    @Test
    void aPrimedSweeperAnswersASweepOfNothing() throws Exception {
        InMemoryPorts ports = new InMemoryPorts();
        SweepDeploymentsHandler sweeper = new SweepDeploymentsHandler(ports);
        sweeper.priming().beforeCheckpoint(null);
        sweeper.priming().afterRestore(null);

        JsonNode answer = invoke(sweeper, "{\"detail-type\": \"Scheduled Event\", \"source\": \"aws.events\", \"detail\": {}}");

        assertThat(answer.path("swept").asInt()).isZero();
        assertThat(answer.path("deployments").isArray()).isTrue();
        assertThat(answer.path("deployments")).isEmpty();
    }

    private static JsonNode invoke(JsonStreamHandler<?, ?> handler, String request) throws Exception {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("test", new ArrayList<>()));
        return Json.mapper().readTree(out.toByteArray());
    }
}
