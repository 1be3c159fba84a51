package dev.berth.workflow;

/** One look at the step in progress. */
public record ObserveStepRequest(String deploymentId, String cluster, String service, StrategySettings strategy,
                                 Revisions revisions, StepState step) {}
