package dev.berth.sandbox.ecs;

import java.time.Instant;

/** One entry of a service's {@code events}, like "(service web) has reached a steady state.". */
public record ServiceEventView(String id, Instant createdAt, String message) {}
