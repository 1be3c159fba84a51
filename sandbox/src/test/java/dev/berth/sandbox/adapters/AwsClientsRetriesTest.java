package dev.berth.sandbox.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.aws.AwsClients;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.sandbox.Sandbox;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.faults.FaultInjector;
import dev.berth.sandbox.faults.FaultRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Berth's clients retry every failed call its five attempts, however many calls failed before: the SDK's retry
 * circuit breaker, whose quota of 100 retries a client would drain in a burst of throttling, is off.
 */
class AwsClientsRetriesTest {

    private static final String APP = "AwsClientsRetriesTest";
    private static final int CALLS = 30;
    private static final int ATTEMPTS = 5;

    @Test
    void afterMoreFailuresThanTheSdksRetryQuotaEachCallStillMakesAllItsAttempts() throws Exception {
        Sandbox sandbox = SharedLocalBerth.get().sandbox();
        var environment = new LinkedHashMap<>(SandboxClients.environment(sandbox.endpoint(), sandbox.region()));
        environment.put("AWS_SDK_UA_APP_ID", APP);
        EcsClient ecs = new AwsClients(new FunctionEnvironment(environment)).ecs();
        FaultInjector faults = sandbox.faults();
        // Every attempt of every call fails: 150 failures, well past the 500-token quota's 100 retries.
        String rule = faults.add(FaultRule.failing("ecs", "ListClusters").fromFunction(APP).withError(500, "InternalFailure")
                .times(CALLS * ATTEMPTS));
        try {
            List<Integer> attempts = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
                List<Future<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    calls.add(threads.submit(() -> {
                        try {
                            ecs.listClusters();
                            return 0;
                        } catch (AwsServiceException e) {
                            return e.numAttempts();
                        }
                    }));
                }
                for (Future<Integer> call : calls) {
                    attempts.add(call.get());
                }
            }

            assertThat(attempts).containsOnly(ATTEMPTS);
            assertThat(faults.status(rule).orElseThrow().fired()).isEqualTo(CALLS * ATTEMPTS);
            assertThat(ecs.listClusters().clusterArns()).as("the rule spent, the next call passes").isNotNull();
        } finally {
            faults.remove(rule);
        }
    }
}
