package dev.berth.adapters;

import dev.berth.domain.health.TargetGroupHealth;
import dev.berth.domain.health.TargetView;
import dev.berth.ports.TargetHealth;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** {@link TargetHealth} on the Elastic Load Balancing v2 API. */
public final class ElbTargetHealthAdapter implements TargetHealth {

    private final Supplier<ElasticLoadBalancingV2Client> elb;

    public ElbTargetHealthAdapter(ElasticLoadBalancingV2Client elb) {
        this(() -> elb);
    }

    /** Builds the client only when the first call needs it: a cold start that makes no call does not pay for it. */
    public ElbTargetHealthAdapter(Supplier<ElasticLoadBalancingV2Client> elb) {
        this.elb = elb;
    }

    @Override
    public TargetGroupHealth describe(String targetGroupArn) {
        var response = AwsCalls.call("DescribeTargetHealth " + targetGroupArn,
                () -> elb.get().describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)));
        return new TargetGroupHealth(targetGroupArn,
                response.targetHealthDescriptions().stream().map(ElbTargetHealthAdapter::view).toList());
    }

    private static TargetView view(TargetHealthDescription d) {
        var health = d.targetHealth();
        return new TargetView(d.target().id(), d.target().port() == null ? 0 : d.target().port(),
                health == null ? "unavailable" : health.stateAsString(),
                Optional.ofNullable(health == null ? null : health.reasonAsString()),
                Optional.ofNullable(health == null ? null : health.description()));
    }
}
