package dev.berth.sandbox.ecs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * The target-group attributes the data plane acts on, as set through {@code ModifyTargetGroupAttributes}:
 * today {@code deregistration_delay.timeout_seconds}, how long a deregistered target drains before ECS stops
 * its task. A target group whose delay was never set drains for the pace's default instead of AWS's 300 s, so
 * the sandbox's rollouts stay quick. Changed under the plane's lock, after it caught up with the clock.
 */
final class TargetGroupSettings {

    /** The attribute's name in the ELBv2 API. */
    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";

    private final Map<String, Duration> deregistrationDelays = new HashMap<>();

    void deregistrationDelay(String targetGroupArn, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("deregistration delay must not be negative: " + delay);
        }
        deregistrationDelays.put(targetGroupArn, delay);
    }

    void forget(String targetGroupArn) {
        deregistrationDelays.remove(targetGroupArn);
    }

    /**
     * How long a task registered in {@code bindings} drains: the longest of its target groups' delays (ECS
     * stops the task once every target group has let it go), or {@code fallback} where none was set.
     */
    Duration drainTime(List<LoadBalancerBinding> bindings, Duration fallback) {
        return bindings.stream()
                .map(binding -> deregistrationDelays.getOrDefault(binding.targetGroupArn(), fallback))
                .max(Duration::compareTo)
                .orElse(fallback);
    }
}
