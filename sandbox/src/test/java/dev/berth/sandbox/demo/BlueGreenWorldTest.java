package dev.berth.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.traffic.ListenerTraffic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** {@link EcsWorld#createBlueGreen} against the sandbox, and the traffic view of what it builds. */
class BlueGreenWorldTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final int DESIRED = 2;

    private static LocalBerth berth;
    private static EcsClient ecs;
    private static ElasticLoadBalancingV2Client elb;
    private static ListenerTraffic traffic;
    private static BlueGreenPair pair;

    @BeforeAll
    static void aPair() {
        berth = SharedLocalBerth.get();
        ecs = berth.clients().ecs();
        elb = berth.clients().elb();
        traffic = berth.traffic();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        pair = berth.world().createBlueGreen("bg-" + suffix, "web-" + suffix,
                berth.pusher().repositoryUri("bluegreen/web-" + suffix), "1.0.0", DESIRED, WITHIN);
    }

    @Test
    void blueRunsDesiredCountHealthyTargetsAndGreenIsScaledToZero() {
        List<Service> services = ecs.describeServices(r -> r.cluster(pair.cluster())
                .services(pair.blueService(), pair.greenService())).services();
        assertThat(services).extracting(Service::serviceName).containsExactly(pair.blueService(), pair.greenService());
        Service blue = services.get(0);
        Service green = services.get(1);
        assertThat(pair.blueService()).isEqualTo(pair.name() + "-blue");
        assertThat(pair.greenService()).isEqualTo(pair.name() + "-green");
        assertThat(blue.desiredCount()).isEqualTo(DESIRED);
        assertThat(blue.runningCount()).isEqualTo(DESIRED);
        assertThat(green.desiredCount()).isZero();
        assertThat(green.runningCount()).isZero();
        assertThat(ecs.listTasks(r -> r.cluster(pair.cluster()).serviceName(pair.greenService())).taskArns()).isEmpty();
        assertThat(ecs.listTasks(r -> r.cluster(pair.cluster()).serviceName(pair.blueService())).taskArns()).hasSize(DESIRED);
        for (Service service : services) {
            assertThat(service.taskDefinition()).isEqualTo(pair.taskDefinitionArn());
            assertThat(service.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(100);
            assertThat(service.deploymentConfiguration().maximumPercent()).isEqualTo(200);
            assertThat(service.deploymentConfiguration().deploymentCircuitBreaker().enable()).isTrue();
            assertThat(service.deploymentConfiguration().deploymentCircuitBreaker().rollback()).isFalse();
            assertThat(service.loadBalancers()).singleElement().satisfies(lb -> {
                assertThat(lb.containerName()).isEqualTo(pair.name());
                assertThat(lb.containerPort()).isEqualTo(8080);
            });
        }
        assertThat(blue.loadBalancers().getFirst().targetGroupArn()).isEqualTo(pair.blueTargetGroupArn());
        assertThat(green.loadBalancers().getFirst().targetGroupArn()).isEqualTo(pair.greenTargetGroupArn());

        List<TargetHealthDescription> blueTargets = elb.describeTargetHealth(r -> r.targetGroupArn(pair.blueTargetGroupArn()))
                .targetHealthDescriptions();
        assertThat(blueTargets).hasSize(DESIRED).allSatisfy(target -> {
            assertThat(target.targetHealth().state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
            assertThat(target.target().port()).isEqualTo(8080);
        });
        assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(pair.greenTargetGroupArn())).targetHealthDescriptions())
                .isEmpty();
    }

    @Test
    void targetGroupNamesKeepTheirColorWithinElbsLimit() {
        List<TargetGroup> groups = elb.describeTargetGroups(r -> r.targetGroupArns(pair.blueTargetGroupArn(),
                pair.greenTargetGroupArn())).targetGroups();
        // "bg-<8>-web-<8>" is 24 characters: cut to 26 it stays whole.
        assertThat(groups).extracting(TargetGroup::targetGroupName).containsExactlyInAnyOrder(
                pair.cluster() + "-" + pair.name() + "-blue", pair.cluster() + "-" + pair.name() + "-green");
        assertThat(groups).allSatisfy(group -> {
            assertThat(group.targetGroupName()).hasSizeLessThanOrEqualTo(32);
            assertThat(group.port()).isEqualTo(8080);
            assertThat(group.healthCheckPath()).isEqualTo("/health");
        });
    }

    @Test
    void longNamesAreCutBeforeTheColorAndNeverEndInAHyphen() {
        String base = EcsWorld.shortName("checkout-production-eu-west-storefront-web", EcsWorld.BLUE_GREEN_SUFFIX_ROOM);
        assertThat(base).isEqualTo("checkout-production-eu-wes");
        assertThat(base + "-green").hasSize(32);
        // Cut just after a hyphen: ELB rejects "--" in a name.
        assertThat(EcsWorld.shortName("checkout-production-eu-we-x-web", EcsWorld.BLUE_GREEN_SUFFIX_ROOM))
                .isEqualTo("checkout-production-eu-we");
        assertThat(EcsWorld.shortName("shop.web", EcsWorld.BLUE_GREEN_SUFFIX_ROOM)).isEqualTo("shop-web");
    }

    @Test
    void theListenerItsRuleAndTheTestListenerForwardAllToBlue() {
        Map<String, Listener> listeners = elb.describeListeners(r -> r.loadBalancerArn(pair.loadBalancerArn())).listeners()
                .stream().collect(Collectors.toMap(Listener::listenerArn, listener -> listener));
        assertThat(listeners).containsOnlyKeys(pair.listenerArn(), pair.testListenerArn());
        assertThat(listeners.get(pair.listenerArn()).port()).isEqualTo(80);
        assertThat(listeners.get(pair.testListenerArn()).port()).isEqualTo(8443);
        assertThat(listeners.values()).allSatisfy(listener -> assertThat(listener.protocolAsString()).isEqualTo("HTTP"));

        Rule rule = elb.describeRules(r -> r.ruleArns(pair.ruleArn())).rules().getFirst();
        assertThat(rule.priority()).isEqualTo("10");
        assertThat(rule.conditions()).singleElement().satisfies(condition -> {
            assertThat(condition.field()).isEqualTo("path-pattern");
            assertThat(condition.pathPatternConfig().values()).containsExactly("/*");
        });

        Map<String, Integer> allToBlue = Map.of(pair.blueTargetGroupArn(), 100, pair.greenTargetGroupArn(), 0);
        for (String arn : List.of(pair.listenerArn(), pair.ruleArn(), pair.testListenerArn())) {
            assertThat(traffic.weights(arn)).as(arn).isEqualTo(allToBlue);
            assertThat(traffic.percentages(arn)).as(arn)
                    .isEqualTo(Map.of(pair.blueTargetGroupArn(), 100.0, pair.greenTargetGroupArn(), 0.0));
            assertThat(traffic.sample(arn, 200)).as(arn)
                    .isEqualTo(Map.of(pair.blueTargetGroupArn(), 200, pair.greenTargetGroupArn(), 0));
            assertThat(traffic.route(arn, "request")).isEqualTo(pair.blueTargetGroupArn());
        }
    }

    @Test
    void shiftedWeightsAreReadAsTheyAreNow() {
        try {
            // A canary step: 10% of the requests to green.
            elb.modifyListener(r -> r.listenerArn(pair.listenerArn()).defaultActions(forward(90, 10)));
            elb.modifyRule(r -> r.ruleArn(pair.ruleArn()).actions(forward(90, 10)));

            for (String arn : List.of(pair.listenerArn(), pair.ruleArn())) {
                assertThat(traffic.weights(arn)).as(arn)
                        .isEqualTo(Map.of(pair.blueTargetGroupArn(), 90, pair.greenTargetGroupArn(), 10));
                Map<String, Double> percentages = traffic.percentages(arn);
                assertThat(percentages.get(pair.blueTargetGroupArn())).isCloseTo(90.0, within(1e-9));
                assertThat(percentages.get(pair.greenTargetGroupArn())).isCloseTo(10.0, within(1e-9));
                Map<String, Integer> hits = traffic.sample(arn, 1000);
                assertThat(hits.get(pair.greenTargetGroupArn())).as("green's hits of 1000").isBetween(60, 140);
                assertThat(hits.get(pair.blueTargetGroupArn()) + hits.get(pair.greenTargetGroupArn())).isEqualTo(1000);
            }
            // The test listener was not touched.
            assertThat(traffic.weights(pair.testListenerArn()).get(pair.greenTargetGroupArn())).isZero();

            // A key keeps its target group while the weights stay, whichever of the two forwards it goes through.
            String customer = traffic.route(pair.listenerArn(), "customer-42");
            for (int i = 0; i < 5; i++) {
                assertThat(traffic.route(pair.listenerArn(), "customer-42")).isEqualTo(customer);
                assertThat(traffic.route(pair.ruleArn(), "customer-42")).isEqualTo(customer);
            }
            assertThat(traffic.sample(pair.listenerArn(), 1000)).isEqualTo(traffic.sample(pair.ruleArn(), 1000));
        } finally {
            elb.modifyListener(r -> r.listenerArn(pair.listenerArn()).defaultActions(forward(100, 0)));
            elb.modifyRule(r -> r.ruleArn(pair.ruleArn()).actions(forward(100, 0)));
        }
        assertThat(traffic.weights(pair.listenerArn()).get(pair.greenTargetGroupArn())).isZero();
    }

    private static Action forward(int blue, int green) {
        return Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                TargetGroupTuple.builder().targetGroupArn(pair.blueTargetGroupArn()).weight(blue).build(),
                TargetGroupTuple.builder().targetGroupArn(pair.greenTargetGroupArn()).weight(green).build())).build();
    }
}
