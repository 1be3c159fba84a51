package dev.berth.workflow;

/** What started a deployment, as carried through the workflow. */
public record TriggerInfo(String source, String eventId, String actor) {}
