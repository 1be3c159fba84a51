package dev.berth.domain.lease;

import java.time.Instant;
import java.util.Optional;

/**
 * Who owns a service (one deployment in flight at a time) and who waits for it.
 *
 * @param owner       the deployment that may change the service, while {@code expiresAt} is in the future
 * @param expiresAt   when the owner's hold lapses unless renewed: a stopped execution cannot keep a service
 * @param waiting     the newest deployment waiting for the service; older waiters are superseded by it
 * @param stopRequested whether the waiter asked the owner to stop at its next step boundary (policy supersede)
 * @param newestAcquired the newest claim that ever owned the service, kept after it let go: a push older
 *                       than it must never get the service, or an older image would roll out over a newer one
 */
public record Lease(String serviceKey, Optional<Claim> owner, Instant expiresAt, Optional<Claim> waiting,
                    boolean stopRequested, Optional<Claim> newestAcquired) {

    public Lease {
        if (serviceKey == null || serviceKey.isBlank() || expiresAt == null) {
            throw new IllegalArgumentException("a lease needs its service and an expiry");
        }
        owner = owner == null ? Optional.empty() : owner;
        waiting = waiting == null ? Optional.empty() : waiting;
        newestAcquired = newestAcquired == null ? Optional.empty() : newestAcquired;
        if (waiting.isEmpty() && stopRequested) {
            throw new IllegalArgumentException("lease of " + serviceKey + ": a stop request needs a waiting deployment");
        }
    }

    /** A lease as its owner took it: the owner is the newest claim that ever owned the service. */
    public Lease(String serviceKey, Optional<Claim> owner, Instant expiresAt, Optional<Claim> waiting, boolean stopRequested) {
        this(serviceKey, owner, expiresAt, waiting, stopRequested, owner);
    }

    /** A service nobody has claimed yet. */
    public static Lease free(String serviceKey) {
        return new Lease(serviceKey, Optional.empty(), Instant.EPOCH, Optional.empty(), false, Optional.empty());
    }

    /** The owner, if its hold has not lapsed at {@code now}. */
    public Optional<Claim> liveOwner(Instant now) {
        return owner.filter(o -> now.isBefore(expiresAt));
    }

    /** Whether {@code deploymentId} owns the service at {@code now}. */
    public boolean isOwnedBy(String deploymentId, Instant now) {
        return liveOwner(now).map(o -> o.deploymentId().equals(deploymentId)).orElse(false);
    }

    Lease withOwner(Claim claim, Instant until) {
        Optional<Claim> newest = newestAcquired.filter(n -> !claim.isNewerThan(n)).or(() -> Optional.of(claim));
        return new Lease(serviceKey, Optional.of(claim), until, waiting, stopRequested, newest);
    }

    Lease withWaiting(Optional<Claim> claim, boolean stop) {
        return new Lease(serviceKey, owner, expiresAt, claim, claim.isPresent() && stop, newestAcquired);
    }

    Lease withoutOwner() {
        return new Lease(serviceKey, Optional.empty(), Instant.EPOCH, waiting, stopRequested, newestAcquired);
    }
}
