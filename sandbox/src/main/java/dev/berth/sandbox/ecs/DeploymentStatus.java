package dev.berth.sandbox.ecs;

/** ECS deployment {@code status}: the newest is PRIMARY, older ones still holding tasks ACTIVE. */
public enum DeploymentStatus { PRIMARY, ACTIVE, INACTIVE }
