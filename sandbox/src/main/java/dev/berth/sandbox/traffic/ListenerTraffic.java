package dev.berth.sandbox.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Where an ALB listener's default action, or one listener rule's action, sends traffic, read from the
 * sandbox's ELB: the weight and share of each target group, and which target group a request would hit
 * (see {@link WeightedForward} for how requests are routed). Reads ELB on every call, so it shows weights
 * as they are now, while a deployment shifts them.
 *
 * <p>An ARN with {@code :listener-rule/} is a rule (DescribeRules), one with {@code :listener/} a listener
 * (DescribeListeners). A forward with a {@code ForwardConfig} has its target groups' weights (a missing weight
 * is 1, as ELB has it); a plain forward to one {@code TargetGroupArn} is that target group at weight 1.
 */
public final class ListenerTraffic {

    private final ElasticLoadBalancingV2Client elb;

    public ListenerTraffic(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /**
     * The listener's or rule's forward as ELB has it now.
     *
     * @throws TrafficLookupException when the ARN is neither a listener's nor a rule's, ELB does not know it, or it
     *                                has no forward action
     */
    public WeightedForward forward(String listenerOrRuleArn) {
        return forwardOf(listenerOrRuleArn, actions(listenerOrRuleArn));
    }

    /** The weight ELB gives each target group (relative: {@code {a:1, b:1}} is 50/50), in ELB's order. */
    public Map<String, Integer> weights(String listenerOrRuleArn) {
        return forward(listenerOrRuleArn).weights();
    }

    /** Each target group's share of the requests, in percent. */
    public Map<String, Double> percentages(String listenerOrRuleArn) {
        return forward(listenerOrRuleArn).percentages();
    }

    /**
     * The target group a request with {@code requestKey} hits with the weights as they are now.
     *
     * @throws IllegalStateException when every weight is 0
     */
    public String route(String listenerOrRuleArn, String requestKey) {
        return forward(listenerOrRuleArn).route(requestKey);
    }

    /** Hits per target group of requests {@code request-0} to {@code request-(requests-1)} (every target group listed). */
    public Map<String, Integer> sample(String listenerOrRuleArn, int requests) {
        return forward(listenerOrRuleArn).sample(requests);
    }

    private List<Action> actions(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            throw new TrafficLookupException("InvalidArn", "not an ARN: " + arn
                    + " (expected a listener's, arn:...:listener/app/..., or a listener rule's, arn:...:listener-rule/app/...)", null);
        }
        try {
            if (arn.contains(":listener-rule/")) {
                return elb.describeRules(r -> r.ruleArns(arn)).rules().getFirst().actions();
            }
            if (arn.contains(":listener/")) {
                return elb.describeListeners(r -> r.listenerArns(arn)).listeners().getFirst().defaultActions();
            }
        } catch (ListenerNotFoundException e) {
            throw new TrafficLookupException("ListenerNotFound", "no listener " + arn + " in the sandbox's ELB", e);
        } catch (RuleNotFoundException e) {
            throw new TrafficLookupException("RuleNotFound", "no listener rule " + arn + " in the sandbox's ELB", e);
        }
        throw new TrafficLookupException("InvalidArn", arn + " is neither a listener's ARN (:listener/) nor a listener "
                + "rule's (:listener-rule/)", null);
    }

    /** The forward among a listener's or rule's actions, with its weights. */
    static WeightedForward forwardOf(String arn, List<Action> actions) {
        // ELB allows one forward, the action ending the list (after any authenticate action).
        Action forward = actions.stream().filter(action -> action.type() == ActionTypeEnum.FORWARD).findFirst()
                .orElseThrow(() -> new TrafficLookupException("NoForwardAction", arn + " does not forward: its "
                        + "actions are " + actions.stream().map(Action::typeAsString).toList(), null));
        List<WeightedForward.TargetGroupWeight> groups = new ArrayList<>();
        if (forward.forwardConfig() != null && !forward.forwardConfig().targetGroups().isEmpty()) {
            for (TargetGroupTuple tuple : forward.forwardConfig().targetGroups()) {
                groups.add(new WeightedForward.TargetGroupWeight(tuple.targetGroupArn(),
                        tuple.weight() == null ? 1 : tuple.weight()));
            }
        } else if (forward.targetGroupArn() != null) {
            groups.add(new WeightedForward.TargetGroupWeight(forward.targetGroupArn(), 1));
        } else {
            throw new TrafficLookupException("NoForwardAction", arn + " has a forward action naming no target group", null);
        }
        return new WeightedForward(groups);
    }
}
