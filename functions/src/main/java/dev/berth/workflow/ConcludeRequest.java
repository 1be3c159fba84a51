package dev.berth.workflow;

/**
 * Records the final word: {@code step.outcome} and {@code step.reason} when the engine decided to conclude,
 * else (a step that failed beyond handling) FAILED with the caught {@code error}.
 */
public record ConcludeRequest(String deploymentId, String cluster, String service, StepState step, CaughtError error) {

    public ConcludeRequest {
        error = error == null ? CaughtError.none() : error;
    }
}
