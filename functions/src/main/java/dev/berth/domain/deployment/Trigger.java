package dev.berth.domain.deployment;

import java.util.Set;

/**
 * What triggered a deployment.
 *
 * @param source {@code ecr}, {@code dockerhub}, {@code api} or {@code rollback}
 * @param eventId the triggering event's identity; the deployment id derives from it
 * @param actor who or what caused it, e.g. a principal ARN or {@code ecr}
 */
public record Trigger(String source, String eventId, String actor) {

    /** The sources a deployment can be triggered from. */
    public static final Set<String> SOURCES = Set.of("ecr", "dockerhub", "api", "rollback");

    public Trigger {
        if (source == null || !SOURCES.contains(source)) {
            throw new IllegalArgumentException("trigger source '" + source + "' must be one of ecr, dockerhub, api, rollback");
        }
        if (eventId == null || eventId.isBlank() || actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a " + source + " trigger needs an event id and an actor");
        }
    }
}
