package dev.berth.domain.lease;

/** What asking for a service came to; {@link #lease()} is the lease to store (unchanged when nothing changed). */
public sealed interface Acquisition {

    Lease lease();

    /** The service is ours until {@code lease.expiresAt()}. */
    record Acquired(Lease lease) implements Acquisition {}

    /** Another deployment owns it; we wait our turn ({@code stopAsked}: it was asked to stop at its next step). */
    record Waiting(Lease lease, Claim owner, boolean stopAsked) implements Acquisition {}

    /** A newer push claims the service: this deployment ends SUPERSEDED without touching it. */
    record Superseded(Lease lease, Claim by) implements Acquisition {}

    /** The policy is {@code reject} and another deployment owns the service. */
    record Rejected(Lease lease, Claim owner) implements Acquisition {}
}
