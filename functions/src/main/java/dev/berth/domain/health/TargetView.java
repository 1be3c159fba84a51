package dev.berth.domain.health;

import java.util.Optional;

/**
 * One registered target as DescribeTargetHealth shows it.
 *
 * @param state initial, healthy, unhealthy, unused, draining or unavailable
 * @param reason the reason code, e.g. {@code Target.FailedHealthChecks}
 */
public record TargetView(String id, int port, String state, Optional<String> reason, Optional<String> description) {

    public TargetView {
        if (id == null || state == null) {
            throw new IllegalArgumentException("a target needs an id and a state");
        }
        reason = reason == null ? Optional.empty() : reason;
        description = description == null ? Optional.empty() : description;
    }
}
