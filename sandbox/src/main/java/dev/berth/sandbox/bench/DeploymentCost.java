package dev.berth.sandbox.bench;

import dev.berth.domain.deployment.Deployment;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.demo.ImagePusher.PushedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * What one deployment costs, measured on the sandbox: its state transitions (from the execution's history), the
 * Lambda invocations and the AWS API calls Berth made (the gateway's counts; the developer's push is not Berth's).
 *
 * @param calls AWS API calls by {@code service.Action}
 */
record DeploymentCost(Deployment deployment, long transitions, long invocations, Map<String, Long> invocationsByFunction,
                      Map<String, Long> calls, Duration took) {

    private static final Duration WITHIN = Duration.ofSeconds(180);

    long totalCalls() {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Pushes with {@code push} and follows the deployment it starts to its end, counting from the push on. */
    static DeploymentCost of(LocalBerth berth, Supplier<PushedImage> push) throws InterruptedException {
        // Wait through moto directly, so the waiting itself adds no calls to the gateway's counts.
        SfnClient direct = SandboxClients.at(berth.sandbox().motoEndpoint(), berth.sandbox().region()).sfn();
        String machine = berth.sandbox().stateMachineArn("DeploymentStateMachine");
        List<String> before = direct.listExecutions(r -> r.stateMachineArn(machine)).executions().stream()
                .map(e -> e.executionArn()).toList();
        berth.sandbox().gateway().resetCallCounts();
        berth.sandbox().lambdaEndpoint().resetInvocationCounts();
        Instant started = Instant.now();
        PushedImage image = push.get();
        Instant deadline = started.plus(WITHIN);
        // ECR's event reaches EcrPushFunction through the sandbox's EventBridge; the execution it starts is the deployment.
        String executionArn;
        while (true) {
            var fresh = direct.listExecutions(r -> r.stateMachineArn(machine)).executions().stream()
                    .filter(e -> !before.contains(e.executionArn())).toList();
            if (!fresh.isEmpty()) {
                executionArn = fresh.getFirst().executionArn();
                break;
            }
            awaitUntil(deadline, "no deployment started for " + image.digest());
        }
        String id = executionArn.substring(executionArn.lastIndexOf(':') + 1);
        while (direct.describeExecution(r -> r.executionArn(executionArn)).status() == ExecutionStatus.RUNNING) {
            awaitUntil(deadline, "deployment " + id + " still running after " + WITHIN);
        }
        Duration took = Duration.between(started, Instant.now());
        Map<String, Long> calls = new TreeMap<>(berth.sandbox().gateway().callCounts());
        // The push is the developer's calls (its layers, then the manifest), not Berth's.
        List.of("ecr.PutImage", "ecr.CreateRepository", "ecr.InitiateLayerUpload", "ecr.UploadLayerPart", "ecr.CompleteLayerUpload",
                "ecr.BatchCheckLayerAvailability").forEach(calls::remove);
        List<HistoryEvent> history = direct.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().stream().toList();
        long transitions = history.stream().filter(e -> e.typeAsString().endsWith("StateEntered")).count();
        Map<String, Long> invocations = new TreeMap<>(berth.sandbox().lambdaEndpoint().invocationCounts());
        invocations.values().removeIf(count -> count == 0);
        return new DeploymentCost(berth.history().find(id).orElseThrow(), transitions,
                invocations.values().stream().mapToLong(Long::longValue).sum(), invocations, calls, took);
    }

    private static void awaitUntil(Instant deadline, String failure) throws InterruptedException {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(failure);
        }
        Thread.sleep(100);
    }
}
