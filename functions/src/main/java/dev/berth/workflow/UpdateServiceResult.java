package dev.berth.workflow;

import java.time.Instant;

/** When the service update was made (health deadlines count from here), and why on rollback. */
public record UpdateServiceResult(Instant startedAt, String reason) {}
