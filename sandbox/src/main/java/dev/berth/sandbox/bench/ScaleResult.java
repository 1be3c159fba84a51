package dev.berth.sandbox.bench;

import dev.berth.sandbox.throttling.ApiCalls;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ScaleRun} measured.
 *
 * @param setup              creating the services and targets (no limits, no faults)
 * @param wall               from the first push to the last deployment's final record
 * @param apis               per {@code service.Action}, what the gateway's rate limiter saw
 * @param faults             calls the fault rules made fail, per {@code service.Action}
 * @param recordsByStatus    final deployment records by status
 * @param executionsByStatus Step Functions executions by status ({@code FAILED Berth.RolledBack}: with their error)
 * @param taskRetries        Lambda task attempts that failed and that the state machine's {@code Retry} tried again
 * @param problems           every way the run went wrong (a wrong outcome, a lost or doubled push, a throttling failure); empty when right
 */
public record ScaleResult(ScaleShape shape, Duration setup, Duration wall, Map<String, ApiCalls> apis, Map<String, Integer> faults,
                          Map<String, Long> recordsByStatus, Map<String, Long> executionsByStatus, long taskRetries,
                          List<String> problems) {

    public long throttled() {
        return apis.values().stream().mapToLong(ApiCalls::throttled).sum();
    }

    public long injected() {
        return faults.values().stream().mapToLong(Integer::longValue).sum();
    }

    public long sdkRetries() {
        return apis.values().stream().mapToLong(ApiCalls::retries).sum();
    }
}
