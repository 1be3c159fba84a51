package dev.berth.workflow;

/** The status and reason a deployment ended with. */
public record RecordOutcomeResult(String status, String reason) {}
