package dev.berth.workflow;

import java.time.Instant;

/** One look at a rollout: {@code phase} is {@code deploy} or {@code rollback}; {@code previous} is the last verdict. */
public record CheckRolloutRequest(String deploymentId, String cluster, String service, String expectedTaskDefinitionArn,
                                  Instant startedAt, long healthDeadlineSeconds, CheckResult previous, String phase) {

    public CheckRolloutRequest {
        previous = previous == null ? CheckResult.NONE : previous;
        phase = phase == null ? "deploy" : phase;
    }
}
