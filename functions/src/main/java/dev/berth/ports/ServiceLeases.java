package dev.berth.ports;

import dev.berth.domain.lease.Acquisition;
import dev.berth.domain.lease.Claim;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.lease.Lease;
import dev.berth.domain.lease.Renewal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The per-service leases (one deployment in flight per service). Each operation reads the lease
 * strongly consistently, applies {@code LeaseRules}, and writes it back on condition that nobody wrote
 * in between; a lost race is retried.
 */
public interface ServiceLeases {

    Acquisition acquire(String serviceKey, Claim claim, ConcurrencyPolicy policy, Instant now, Duration hold);

    Renewal renew(String serviceKey, String deploymentId, Instant now, Duration hold);

    void release(String serviceKey, String deploymentId);

    Optional<Lease> find(String serviceKey);
}
