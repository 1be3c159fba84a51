package dev.berth.sandbox.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.adapters.StepFunctionsExecutions;
import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.Trigger;
import dev.berth.json.Json;
import dev.berth.ports.Executions;
import dev.berth.ports.Executions.StartResult;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.demo.DemoService;
import dev.berth.domain.lease.Claim;
import dev.berth.workflow.CaughtError;
import dev.berth.workflow.DeploymentRequest;
import dev.berth.workflow.DeploymentSource;
import dev.berth.workflow.StepState;
import dev.berth.workflow.StrategySettings;
import dev.berth.workflow.TriggerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@link StepFunctionsExecutions} on moto's Step Functions with Berth's real state machine. What Berth relies on:
 * execution names are deployment ids, and starting a name again never makes a second execution.
 */
class StepFunctionsExecutionsTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static LocalBerth berth;
    private static SfnClient sfn;
    private static String stateMachineArn;
    private static Executions executions;

    @BeforeAll
    static void startSandbox() {
        berth = SharedLocalBerth.get();
        sfn = berth.clients().sfn();
        stateMachineArn = berth.sandbox().stateMachineArn("DeploymentStateMachine");
        executions = new StepFunctionsExecutions(sfn, stateMachineArn);
    }

    private static String newDeploymentId() {
        byte[] bytes = new byte[15];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "d-" + HexFormat.of().formatHex(bytes);
    }

    private static String digest() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "sha256:" + HexFormat.of().formatHex(bytes);
    }

    /** The history record the trigger writes before starting the execution, so the workflow has one to update. */
    private static void pendingRecord(String id, String cluster, String service, String image) {
        Instant now = Instant.now();
        berth.history().create(Deployment.pending(id, cluster, service, new Trigger("api", "test-" + id, "test"), image,
                Optional.empty(), "rolling", now, "by " + StepFunctionsExecutionsTest.class.getSimpleName(), Optional.empty()));
    }

    private static String request(String id, String cluster, String service, List<String> containers, String image,
                                  long pollIntervalSeconds) throws Exception {
        return Json.mapper().writeValueAsString(new DeploymentRequest(id, cluster, service, containers,
                DeploymentSource.ofImage(image, Optional.empty(), Optional.empty()),
                new StrategySettings("rolling", 600, pollIntervalSeconds, 2, "supersede"),
                new TriggerInfo("api", "test-" + id, "test"), Claim.precedenceOf(Instant.now(), Instant.now()),
                StepState.initial(), CaughtError.none()));
    }

    private static List<ExecutionListItem> executionsNamed(String name) {
        return sfn.listExecutionsPaginator(r -> r.stateMachineArn(stateMachineArn)).executions().stream()
                .filter(e -> e.name().equals(name)).toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + WITHIN);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aNewNameStartsOneExecutionAndRepeatingTheNameNeverStartsASecond() throws Exception {
        String id = newDeploymentId();
        String cluster = "missing-" + UUID.randomUUID().toString().substring(0, 8);
        String image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web@" + digest();
        pendingRecord(id, cluster, "web", image);
        String input = request(id, cluster, "web", List.of("web"), image, 1);

        StartResult first = executions.start(id, input);

        String arn = "arn:aws:states:us-east-1:123456789012:execution:DeploymentStateMachine:" + id;
        assertThat(first).isEqualTo(new StartResult.Started(arn));
        // The same name and input again: AWS (and moto) answer with the same execution while it runs,
        // and refuse once it has ended; neither is a second execution.
        assertThat(executions.start(id, input)).isIn(new StartResult.Started(arn), new StartResult.AlreadyStarted(id));
        // Another input under the same name is always refused.
        assertThat(executions.start(id, request(id, cluster, "other", List.of(), image, 1))).isEqualTo(new StartResult.AlreadyStarted(id));
        await("the execution's end", () -> sfn.describeExecution(r -> r.executionArn(arn)).status() != ExecutionStatus.RUNNING);
        assertThat(executions.start(id, input)).isEqualTo(new StartResult.AlreadyStarted(id));

        assertThat(executionsNamed(id)).singleElement().satisfies(e -> assertThat(e.executionArn()).isEqualTo(arn));
        // It ran with the input given: the cluster does not exist, and the workflow recorded that.
        assertThat(sfn.describeExecution(r -> r.executionArn(arn)).status()).isEqualTo(ExecutionStatus.FAILED);
        Deployment recorded = berth.history().find(id).orElseThrow();
        assertThat(recorded.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(recorded.reason()).hasValueSatisfying(r -> assertThat(r).contains(cluster));
    }

    @Test
    void startingTheSameNameAndInputWhileItRunsAnswersWithThatExecution() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        DemoService service = berth.world().create("sfn-" + suffix, "sfn-" + suffix,
                berth.pusher().repositoryUri("adapters/sfn-" + suffix), "1.0.0", 1, WITHIN);
        String id = newDeploymentId();
        String image = service.repositoryUri() + ":1.1.0@" + digest();
        pendingRecord(id, service.cluster(), service.service(), image);
        // Five minutes between health checks: the execution sits in a Wait state while we start it again.
        String input = request(id, service.cluster(), service.service(), List.of(service.service()), image, 300);

        StartResult first = executions.start(id, input);
        assertThat(first).isInstanceOf(StartResult.Started.class);
        String arn = ((StartResult.Started) first).executionArn();
        try {
            await("the service update", () -> berth.history().find(id).orElseThrow().progress().isPresent());
            assertThat(sfn.describeExecution(r -> r.executionArn(arn)).status()).isEqualTo(ExecutionStatus.RUNNING);

            assertThat(executions.start(id, input)).isEqualTo(new StartResult.Started(arn));
            String otherInput = input.replace("\"pollIntervalSeconds\":300", "\"pollIntervalSeconds\":299");
            assertThat(otherInput).isNotEqualTo(input);
            assertThat(executions.start(id, otherInput)).isEqualTo(new StartResult.AlreadyStarted(id));

            assertThat(executionsNamed(id)).singleElement().satisfies(e -> {
                assertThat(e.executionArn()).isEqualTo(arn);
                assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
            });
            assertThat(executions.describe(id)).hasValueSatisfying(e -> {
                assertThat(e.isRunning()).isTrue();
                assertThat(e.stoppedAt()).isEmpty();
            });
        } finally {
            sfn.stopExecution(r -> r.executionArn(arn));
        }
        assertThat(executions.describe(id)).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo("ABORTED");
            assertThat(e.stoppedAt()).isPresent();
        });
    }

    @Test
    void anExecutionNeverStartedIsDescribedAsNone() {
        assertThat(executions.describe(newDeploymentId())).isEmpty();
    }
}
