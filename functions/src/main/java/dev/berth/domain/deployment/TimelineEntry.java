package dev.berth.domain.deployment;

import java.time.Instant;

/**
 * One step in a deployment's timeline.
 *
 * @param step what happened, as a short sentence or name, e.g. {@code Roll the service out to the new revision}
 * @param detail what happened, for people; may be empty
 */
public record TimelineEntry(Instant at, String step, String detail) {

    public TimelineEntry {
        if (at == null || step == null || step.isBlank()) {
            throw new IllegalArgumentException("a timeline entry needs a time and a step");
        }
        detail = detail == null ? "" : detail;
    }
}
