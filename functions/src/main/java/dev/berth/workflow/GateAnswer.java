package dev.berth.workflow;

/**
 * A person's answer to a deployment waiting at a manual gate.
 *
 * @param decision {@code promote} (go on to the next step) or {@code abort} (roll back)
 * @param actor    who answers, for the record (the operator API gives the caller's IAM identity)
 * @param reason   why, for the record; optional
 */
public record GateAnswer(String deploymentId, String decision, String actor, String reason) {}
