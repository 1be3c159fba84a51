package dev.berth.workflow;

/** Asks for the service before anything changes it; {@code step} is the state so far (initial, or waiting). */
public record AcquireServiceRequest(String deploymentId, String cluster, String service, String precedence,
                                    StrategySettings strategy, StepState step) {}
