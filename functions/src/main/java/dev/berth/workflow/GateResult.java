package dev.berth.workflow;

/** What answering a gate did: the deployment, and what it does now ({@code promoted}, {@code aborted}). */
public record GateResult(String deploymentId, String result, String detail) {}
