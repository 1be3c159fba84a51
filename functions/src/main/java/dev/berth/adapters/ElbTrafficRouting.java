package dev.berth.adapters;

import dev.berth.ports.AwsCallException;
import dev.berth.ports.TrafficRouting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * {@link TrafficRouting} on the Elastic Load Balancing v2 API: a listener's default actions
 * (DescribeListeners / ModifyListener) or a listener rule's actions (DescribeRules / ModifyRule).
 */
public final class ElbTrafficRouting implements TrafficRouting {

    /** The part of a listener rule's ARN that a listener's ARN ({@code :listener/}) does not have. */
    private static final String RULE = ":listener-rule/";
    /** The weight ELB gives a target group of a forward config that names none. */
    private static final int DEFAULT_WEIGHT = 1;
    private static final int MAX_WEIGHT = 999;

    private final Supplier<ElasticLoadBalancingV2Client> elb;

    public ElbTrafficRouting(ElasticLoadBalancingV2Client elb) {
        this(() -> elb);
    }

    /** Builds the client only when the first call needs it: a cold start that makes no call does not pay for it. */
    public ElbTrafficRouting(Supplier<ElasticLoadBalancingV2Client> elb) {
        this.elb = elb;
    }

    @Override
    public Map<String, Integer> weights(String listenerOrRuleArn) {
        return forward(actions(listenerOrRuleArn)).map(ElbTrafficRouting::weightsOf).orElse(Map.of());
    }

    @Override
    public void setWeights(String listenerOrRuleArn, Map<String, Integer> weights) {
        validate(listenerOrRuleArn, weights);
        List<Action> current = actions(listenerOrRuleArn);
        Action forward = forward(current).orElseThrow(() -> new IllegalStateException(
                listenerOrRuleArn + " has no forward action to shift (its actions: "
                        + current.stream().map(Action::typeAsString).toList() + ")"));
        List<Action> replaced = new ArrayList<>(current.size());
        for (Action action : current) {
            replaced.add(action == forward ? weighted(forward, weights) : carriedOver(action));
        }
        if (isRule(listenerOrRuleArn)) {
            AwsCalls.run("ModifyRule " + listenerOrRuleArn,
                    () -> elb.get().modifyRule(r -> r.ruleArn(listenerOrRuleArn).actions(replaced)));
        } else {
            AwsCalls.run("ModifyListener " + listenerOrRuleArn,
                    () -> elb.get().modifyListener(r -> r.listenerArn(listenerOrRuleArn).defaultActions(replaced)));
        }
    }

    /** The listener's default actions or the rule's actions, as ELB lists them. */
    private List<Action> actions(String arn) {
        if (isRule(arn)) {
            var rules = AwsCalls.call("DescribeRules " + arn, () -> elb.get().describeRules(r -> r.ruleArns(arn))).rules();
            return rules.stream().filter(rule -> arn.equals(rule.ruleArn())).findFirst()
                    .orElseThrow(() -> notFound("DescribeRules", arn, "RuleNotFound"))
                    .actions();
        }
        var listeners = AwsCalls.call("DescribeListeners " + arn,
                () -> elb.get().describeListeners(r -> r.listenerArns(arn))).listeners();
        return listeners.stream().filter(listener -> arn.equals(listener.listenerArn())).findFirst()
                .orElseThrow(() -> notFound("DescribeListeners", arn, "ListenerNotFound"))
                .defaultActions();
    }

    private static Optional<Action> forward(List<Action> actions) {
        return actions.stream().filter(a -> a.type() == ActionTypeEnum.FORWARD).findFirst();
    }

    private static Map<String, Integer> weightsOf(Action forward) {
        var weights = new LinkedHashMap<String, Integer>();
        ForwardActionConfig config = forward.forwardConfig();
        if (config != null && config.hasTargetGroups() && !config.targetGroups().isEmpty()) {
            for (TargetGroupTuple group : config.targetGroups()) {
                weights.put(group.targetGroupArn(), group.weight() == null ? DEFAULT_WEIGHT : group.weight());
            }
        } else if (forward.targetGroupArn() != null) {
            weights.put(forward.targetGroupArn(), DEFAULT_WEIGHT);
        }
        return Collections.unmodifiableMap(weights);
    }

    /**
     * The forward action with these weights: a forward config only (a top-level target group ARN may name
     * one group only), the stickiness and the order the action had kept.
     */
    private static Action weighted(Action forward, Map<String, Integer> weights) {
        var config = ForwardActionConfig.builder().targetGroups(weights.entrySet().stream()
                .map(e -> TargetGroupTuple.builder().targetGroupArn(e.getKey()).weight(e.getValue()).build())
                .toList());
        if (forward.forwardConfig() != null && forward.forwardConfig().targetGroupStickinessConfig() != null) {
            config.targetGroupStickinessConfig(forward.forwardConfig().targetGroupStickinessConfig());
        }
        return Action.builder().type(ActionTypeEnum.FORWARD).order(forward.order()).forwardConfig(config.build()).build();
    }

    /**
     * Another action, sent back as it is, except that an OIDC authentication whose client secret ELB did
     * not list keeps the one ELB has (ModifyRule and ModifyListener otherwise require it).
     */
    private static Action carriedOver(Action action) {
        var oidc = action.authenticateOidcConfig();
        if (oidc != null && oidc.clientSecret() == null) {
            return action.toBuilder().authenticateOidcConfig(oidc.toBuilder().useExistingClientSecret(true).build()).build();
        }
        return action;
    }

    private static void validate(String arn, Map<String, Integer> weights) {
        if (weights == null || weights.isEmpty()) {
            throw new IllegalArgumentException("a forward to " + arn + " needs at least one target group");
        }
        weights.forEach((group, weight) -> {
            if (group == null || group.isBlank() || weight == null || weight < 0 || weight > MAX_WEIGHT) {
                throw new IllegalArgumentException("target group weights are 0 to " + MAX_WEIGHT + ", got "
                        + group + "=" + weight + " for " + arn);
            }
        });
    }

    private static boolean isRule(String arn) {
        return arn.contains(RULE);
    }

    /** ELB answers an unknown ARN with an error; an answer without it is the same failure. */
    private static AwsCallException notFound(String call, String arn, String code) {
        return new AwsCallException(call + " " + arn + " failed: " + code + ": ELB did not list it", null);
    }
}
