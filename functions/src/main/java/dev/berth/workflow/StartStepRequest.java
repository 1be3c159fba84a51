package dev.berth.workflow;

/**
 * Starts the next step of the plan, or (with {@code rollingBack}) the first step that undoes it: after a
 * verdict ({@code step.reason} says why) or a caught error ({@code error}).
 */
public record StartStepRequest(String deploymentId, String cluster, String service, StrategySettings strategy,
                               Revisions revisions, StepState step, boolean rollingBack, CaughtError error) {

    public StartStepRequest {
        error = error == null ? CaughtError.none() : error;
    }
}
