package dev.berth.ports;

import dev.berth.domain.health.TargetGroupHealth;

/** Reads the health of the targets registered in a load balancer target group. */
public interface TargetHealth {
    TargetGroupHealth describe(String targetGroupArn);
}
