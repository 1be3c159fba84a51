package dev.berth.engine.fakes;

import dev.berth.domain.lease.Acquisition;
import dev.berth.domain.lease.Claim;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.lease.Lease;
import dev.berth.domain.lease.LeaseRules;
import dev.berth.domain.lease.Renewal;
import dev.berth.ports.ServiceLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link ServiceLeases} in a map, applying the real {@link LeaseRules} (reads and writes are atomic here, so no race to lose). */
public final class InMemoryLeases implements ServiceLeases {

    private final Map<String, Lease> leases = new HashMap<>();
    private int renewalsToFail;

    @Override
    public Acquisition acquire(String serviceKey, Claim claim, ConcurrencyPolicy policy, Instant now, Duration hold) {
        Acquisition acquisition = LeaseRules.acquire(current(serviceKey), claim, policy, now, hold);
        leases.put(serviceKey, acquisition.lease());
        return acquisition;
    }

    @Override
    public Renewal renew(String serviceKey, String deploymentId, Instant now, Duration hold) {
        if (renewalsToFail > 0) {
            renewalsToFail--;
            throw new dev.berth.ports.TransientAwsException("PutItem lease " + serviceKey + ": ProvisionedThroughputExceededException", null);
        }
        Renewal renewal = LeaseRules.renew(current(serviceKey), deploymentId, now, hold);
        leases.put(serviceKey, switch (renewal) {
            case Renewal.Held held -> held.lease();
            case Renewal.Lost lost -> lost.lease();
        });
        return renewal;
    }

    @Override
    public void release(String serviceKey, String deploymentId) {
        leases.put(serviceKey, LeaseRules.release(current(serviceKey), deploymentId));
    }

    @Override
    public Optional<Lease> find(String serviceKey) {
        return Optional.ofNullable(leases.get(serviceKey));
    }

    /** The next {@code times} renewals fail, as a throttled table does. */
    public void failRenewals(int times) {
        renewalsToFail = times;
    }

    public Lease lease(String serviceKey) {
        return current(serviceKey);
    }

    private Lease current(String serviceKey) {
        return leases.getOrDefault(serviceKey, Lease.free(serviceKey));
    }
}
