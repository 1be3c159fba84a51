package dev.berth.domain.lease;

import java.util.Optional;

/** What renewing the owner's hold came to. */
public sealed interface Renewal {

    /** Still ours; {@code stopRequestedBy} is the newer deployment that asked us to stop, if one did. */
    record Held(Lease lease, Optional<Claim> stopRequestedBy) implements Renewal {}

    /** Another deployment owns the service now (ours lapsed and it took over): we must not change it again. */
    record Lost(Lease lease, Optional<Claim> owner) implements Renewal {}
}
