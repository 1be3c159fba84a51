package dev.berth.workflow;

/**
 * What the state machine's manual gate hands its function: the deployment, and the task token promote or abort
 * answers ({@code $$.Task.Token}), with the step that waits.
 */
public record AwaitGateRequest(String deploymentId, String taskToken, StepState step) {}
