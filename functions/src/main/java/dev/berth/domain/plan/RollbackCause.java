package dev.berth.domain.plan;

/** Why a deployment is being undone; it decides which steps undo it. */
public sealed interface RollbackCause {

    /** For people: the reason the record keeps. */
    String reason();

    /** The new revision failed its check, or a step failed: Berth puts the previous revision back. */
    record Failure(String reason) implements RollbackCause {}

    /**
     * ECS's deployment circuit breaker (with {@code rollback: true}) is already putting the last completed
     * revision back: Berth only watches it, and does not roll back on top of it.
     */
    record EcsRollback(String reason) implements RollbackCause {}
}
