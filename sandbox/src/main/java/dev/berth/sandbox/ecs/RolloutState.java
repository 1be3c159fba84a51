package dev.berth.sandbox.ecs;

/** ECS deployment {@code rolloutState}. */
public enum RolloutState { IN_PROGRESS, COMPLETED, FAILED }
