package dev.berth.workflow;

/** The status and reason a deployment ended with. */
public record ConcludeResult(String status, String reason) {}
