package dev.berth.ports;

import java.util.Map;

/**
 * The weighted forward of an ALB listener's default action, or of one listener rule's action: what
 * blue/green shifts. The ARN says which ({@code :listener/} or {@code :listener-rule/}).
 */
public interface TrafficRouting {

    /**
     * The weight ELB forwards to each target group, as the listener or rule has it now (a plain forward
     * to one target group is that group at weight 1). Weights are relative (0-999), in the order ELB lists them.
     */
    Map<String, Integer> weights(String listenerOrRuleArn);

    /** Forwards to these target groups with these weights, replacing the listener's or rule's forward action. */
    void setWeights(String listenerOrRuleArn, Map<String, Integer> weights);
}
