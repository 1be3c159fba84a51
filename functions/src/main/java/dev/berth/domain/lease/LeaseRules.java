package dev.berth.domain.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The per-service lease as pure decisions; the store only reads the lease, applies one of these and
 * writes it back on condition that nobody wrote in between. The rules:
 *
 * <ol>
 *   <li>The owner asking again keeps it (a retried step).</li>
 *   <li>A claim older than the live owner, the waiter or the newest claim that ever owned the service is
 *       superseded by the newest of them, whatever the policy: an older image is never rolled out over a
 *       newer one, even after the newer deployment ended.</li>
 *   <li>A free service (no owner, or the owner's hold lapsed) goes to the claimant; an older waiter finds
 *       out by rule 2.</li>
 *   <li>Otherwise the owner is older: {@code reject} refuses; {@code supersede} becomes the waiter and asks
 *       the owner to stop; {@code queue} becomes the waiter without asking.</li>
 * </ol>
 */
public final class LeaseRules {

    private LeaseRules() {}

    public static Acquisition acquire(Lease current, Claim claim, ConcurrencyPolicy policy, Instant now, Duration hold) {
        Instant until = now.plus(hold);
        if (current.isOwnedBy(claim.deploymentId(), now)) {
            return new Acquisition.Acquired(dropWaiter(current.withOwner(claim, until), claim.deploymentId()));
        }
        Optional<Claim> newest = Stream.of(current.liveOwner(now), current.waiting(), current.newestAcquired())
                .flatMap(Optional::stream)
                .filter(other -> !other.deploymentId().equals(claim.deploymentId()))
                .max(Claim::compareTo);
        if (newest.isPresent() && newest.get().isNewerThan(claim)) {
            return new Acquisition.Superseded(current, newest.get());
        }
        Optional<Claim> owner = current.liveOwner(now);
        if (owner.isEmpty()) {
            Lease taken = current.withOwner(claim, until);
            return new Acquisition.Acquired(taken.withWaiting(Optional.empty(), false));
        }
        return switch (policy) {
            case REJECT -> new Acquisition.Rejected(current, owner.get());
            case SUPERSEDE -> new Acquisition.Waiting(current.withWaiting(Optional.of(claim), true), owner.get(), true);
            case QUEUE -> new Acquisition.Waiting(current.withWaiting(Optional.of(claim), false), owner.get(), false);
        };
    }

    /**
     * The owner's heartbeat: tells it whether a newer deployment asked it to stop, and extends its hold
     * once less than half of {@code hold} is left (so most looks only read the lease).
     */
    public static Renewal renew(Lease current, String deploymentId, Instant now, Duration hold) {
        Optional<Claim> owner = current.owner();
        boolean ours = owner.map(o -> o.deploymentId().equals(deploymentId)).orElse(false);
        if (!ours) {
            return new Renewal.Lost(current, current.liveOwner(now));
        }
        boolean longEnough = current.expiresAt().isAfter(now.plus(hold.dividedBy(2)));
        Lease renewed = longEnough ? current : current.withOwner(owner.get(), now.plus(hold));
        return new Renewal.Held(renewed, current.stopRequested() ? current.waiting() : Optional.empty());
    }

    /**
     * Gives the service up at the end of a deployment: an owner leaves it to the waiter (which takes it on
     * its next try; the stop request was for the owner), a waiter that gave up leaves the line. A lease
     * that names neither stays as it is.
     */
    public static Lease release(Lease current, String deploymentId) {
        boolean owner = current.owner().map(o -> o.deploymentId().equals(deploymentId)).orElse(false);
        Lease released = owner ? current.withoutOwner().withWaiting(current.waiting(), false) : current;
        return dropWaiter(released, deploymentId);
    }

    private static Lease dropWaiter(Lease lease, String deploymentId) {
        return lease.waiting().filter(w -> w.deploymentId().equals(deploymentId)).isPresent()
                ? lease.withWaiting(Optional.empty(), false)
                : lease;
    }
}
