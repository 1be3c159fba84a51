package dev.berth.sandbox.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.berth.adapters.ElbTrafficRouting;
import dev.berth.ports.AwsCallException;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** {@link ElbTrafficRouting} against the sandbox's ELB (moto): weighted forwards of listeners and of listener rules. */
class ElbTrafficRoutingTest {

    private static LocalBerth berth;
    private static ElasticLoadBalancingV2Client elb;
    private static Ec2Client ec2;
    private static ElbTrafficRouting routing;

    /** An ALB with a listener forwarding to {@code blue} alone and a {@code /api/*} rule forwarding to both, 80/20. */
    private record Alb(String listener, String rule, String blue, String green) {}

    @BeforeAll
    static void startSandbox() {
        berth = SharedLocalBerth.get();
        elb = berth.clients().elb();
        ec2 = berth.clients().configure(Ec2Client.builder(), "EC2").build();
        routing = new ElbTrafficRouting(elb);
    }

    private static Alb alb() {
        String name = "tr-" + UUID.randomUUID().toString().substring(0, 8);
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        List<String> subnets = List.of(
                ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId(),
                ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId());
        String loadBalancer = elb.createLoadBalancer(r -> r.name(name).subnets(subnets)).loadBalancers().getFirst().loadBalancerArn();
        String blue = targetGroup(name + "-blue", vpc);
        String green = targetGroup(name + "-green", vpc);
        String listener = elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(blue))).listeners().getFirst().listenerArn();
        String rule = elb.createRule(r -> r.listenerArn(listener).priority(10)
                .conditions(c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/api/*")))
                .actions(forward(group(blue, 80), group(green, 20)))).rules().getFirst().ruleArn();
        return new Alb(listener, rule, blue, green);
    }

    private static String targetGroup(String name, String vpc) {
        return elb.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(8080).vpcId(vpc)
                .targetType(TargetTypeEnum.IP).healthCheckPath("/health")).targetGroups().getFirst().targetGroupArn();
    }

    private static TargetGroupTuple group(String arn, int weight) {
        return TargetGroupTuple.builder().targetGroupArn(arn).weight(weight).build();
    }

    private static Action forward(TargetGroupTuple... groups) {
        return Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(groups)).build();
    }

    private static Map<String, Integer> weights(String first, int firstWeight, String second, int secondWeight) {
        var weights = new LinkedHashMap<String, Integer>();
        weights.put(first, firstWeight);
        weights.put(second, secondWeight);
        return weights;
    }

    private static List<Action> listenerActions(String listener) {
        return elb.describeListeners(r -> r.listenerArns(listener)).listeners().getFirst().defaultActions();
    }

    private static List<Action> ruleActions(String rule) {
        return elb.describeRules(r -> r.ruleArns(rule)).rules().getFirst().actions();
    }

    @Test
    void aPlainForwardIsItsTargetGroupAtWeightOne() {
        Alb alb = alb();

        assertThat(routing.weights(alb.listener())).containsExactly(entry(alb.blue(), 1));
    }

    @Test
    void aPlainForwardListedAsAwsListsItReadsTheSameAndIsReplacedByAForwardConfigOnly() {
        // AWS lists a plain forward with its target group twice: TargetGroupArn and a one-group ForwardConfig
        // (moto lists it as it was sent, so it is sent that way here).
        Alb alb = alb();
        elb.modifyListener(r -> r.listenerArn(alb.listener()).defaultActions(a -> a.type(ActionTypeEnum.FORWARD)
                .targetGroupArn(alb.blue()).forwardConfig(f -> f.targetGroups(group(alb.blue(), 1))
                        .targetGroupStickinessConfig(sticky -> sticky.enabled(false)))));
        assertThat(routing.weights(alb.listener())).containsExactly(entry(alb.blue(), 1));

        routing.setWeights(alb.listener(), weights(alb.blue(), 90, alb.green(), 10));

        assertThat(listenerActions(alb.listener())).singleElement().satisfies(action -> {
            assertThat(action.targetGroupArn()).as("AWS takes a TargetGroupArn beside a one-group ForwardConfig only").isNull();
            assertThat(action.forwardConfig().targetGroupStickinessConfig().enabled()).isFalse();
        });
        assertThat(routing.weights(alb.listener())).containsExactly(entry(alb.blue(), 90), entry(alb.green(), 10));
    }

    @Test
    void aWeightedRuleReadsAsItsTargetGroupsInElbsOrder() {
        Alb alb = alb();

        assertThat(routing.weights(alb.rule())).containsExactly(entry(alb.blue(), 80), entry(alb.green(), 20));
    }

    @Test
    void aForwardConfigTargetGroupWithoutAWeightIsAtWeightOne() {
        Alb alb = alb();
        elb.modifyListener(r -> r.listenerArn(alb.listener()).defaultActions(a -> a.type(ActionTypeEnum.FORWARD)
                .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(alb.green())))));

        assertThat(routing.weights(alb.listener())).containsExactly(entry(alb.green(), 1));
    }

    @Test
    void weightsSetOnAListenerReadBackExactly() {
        Alb alb = alb();

        for (int[] split : new int[][] {{10, 90}, {0, 100}, {100, 0}, {1, 999}}) {
            routing.setWeights(alb.listener(), weights(alb.blue(), split[0], alb.green(), split[1]));

            assertThat(routing.weights(alb.listener())).as("%d/%d", split[0], split[1])
                    .containsExactly(entry(alb.blue(), split[0]), entry(alb.green(), split[1]));
        }
        List<Action> actions = listenerActions(alb.listener());
        assertThat(actions).singleElement().satisfies(action -> {
            assertThat(action.type()).isEqualTo(ActionTypeEnum.FORWARD);
            assertThat(action.forwardConfig().targetGroups()).extracting(TargetGroupTuple::targetGroupArn)
                    .containsExactly(alb.blue(), alb.green());
        });
        assertThat(routing.weights(alb.rule())).as("the rule is left alone")
                .containsExactly(entry(alb.blue(), 80), entry(alb.green(), 20));
    }

    @Test
    void weightsSetOnARuleReadBackExactlyAndKeepItsConditions() {
        Alb alb = alb();

        for (int[] split : new int[][] {{10, 90}, {0, 100}, {100, 0}}) {
            routing.setWeights(alb.rule(), weights(alb.blue(), split[0], alb.green(), split[1]));

            assertThat(routing.weights(alb.rule())).as("%d/%d", split[0], split[1])
                    .containsExactly(entry(alb.blue(), split[0]), entry(alb.green(), split[1]));
        }
        var rule = elb.describeRules(r -> r.ruleArns(alb.rule())).rules().getFirst();
        assertThat(rule.conditions()).singleElement()
                .satisfies(c -> assertThat(c.pathPatternConfig().values()).containsExactly("/api/*"));
        assertThat(rule.priority()).isEqualTo("10");
        assertThat(routing.weights(alb.listener())).as("the listener is left alone").containsExactly(entry(alb.blue(), 1));
    }

    @Test
    void aForwardToOneGroupBecomesAWeightedForwardAndBack() {
        Alb alb = alb();

        routing.setWeights(alb.listener(), weights(alb.green(), 50, alb.blue(), 50));
        assertThat(routing.weights(alb.listener())).containsExactly(entry(alb.green(), 50), entry(alb.blue(), 50));

        routing.setWeights(alb.listener(), Map.of(alb.green(), 1));
        assertThat(routing.weights(alb.listener())).containsExactly(entry(alb.green(), 1));
    }

    @Test
    void theTargetGroupStickinessIsKept() {
        Alb alb = alb();
        elb.modifyRule(r -> r.ruleArn(alb.rule()).actions(a -> a.type(ActionTypeEnum.FORWARD).forwardConfig(f -> f
                .targetGroups(group(alb.blue(), 100), group(alb.green(), 0))
                .targetGroupStickinessConfig(sticky -> sticky.enabled(true).durationSeconds(600)))));

        routing.setWeights(alb.rule(), weights(alb.blue(), 10, alb.green(), 90));

        ForwardActionConfig config = ruleActions(alb.rule()).getFirst().forwardConfig();
        assertThat(config.targetGroupStickinessConfig().enabled()).isTrue();
        assertThat(config.targetGroupStickinessConfig().durationSeconds()).isEqualTo(600);
        assertThat(routing.weights(alb.rule())).containsExactly(entry(alb.blue(), 10), entry(alb.green(), 90));
    }

    @Test
    void actionsBeforeTheForwardAreKeptInTheirOrder() {
        Alb alb = alb();
        Action authenticate = Action.builder().type(ActionTypeEnum.AUTHENTICATE_OIDC).order(1).authenticateOidcConfig(o -> o
                .issuer("https://idp.example.com").authorizationEndpoint("https://idp.example.com/authorize")
                .tokenEndpoint("https://idp.example.com/token").userInfoEndpoint("https://idp.example.com/userinfo")
                .clientId("berth").clientSecret("s3cret")).build();
        elb.modifyRule(r -> r.ruleArn(alb.rule())
                .actions(authenticate, forward(group(alb.blue(), 100), group(alb.green(), 0)).toBuilder().order(2).build()));

        routing.setWeights(alb.rule(), weights(alb.blue(), 0, alb.green(), 100));

        List<Action> actions = ruleActions(alb.rule());
        assertThat(actions).extracting(Action::type).containsExactly(ActionTypeEnum.AUTHENTICATE_OIDC, ActionTypeEnum.FORWARD);
        assertThat(actions).extracting(Action::order).containsExactly(1, 2);
        assertThat(actions.getFirst().authenticateOidcConfig().issuer()).isEqualTo("https://idp.example.com");
        assertThat(actions.getFirst().authenticateOidcConfig().clientId()).isEqualTo("berth");
        assertThat(routing.weights(alb.rule())).containsExactly(entry(alb.blue(), 0), entry(alb.green(), 100));
    }

    @Test
    void anOidcActionListedWithoutItsClientSecretIsSentBackKeepingTheSecretElbHas() {
        // ELB does not list an OIDC action's client secret; moto lists what it was sent, so a rule modified
        // without one reads like ELB's, and what the adapter sent back is what moto lists afterwards.
        Alb alb = alb();
        Action listedAsElbDoes = Action.builder().type(ActionTypeEnum.AUTHENTICATE_OIDC).order(1).authenticateOidcConfig(o -> o
                .issuer("https://idp.example.com").authorizationEndpoint("https://idp.example.com/authorize")
                .tokenEndpoint("https://idp.example.com/token").userInfoEndpoint("https://idp.example.com/userinfo")
                .clientId("berth")).build();
        elb.modifyRule(r -> r.ruleArn(alb.rule())
                .actions(listedAsElbDoes, forward(group(alb.blue(), 100), group(alb.green(), 0)).toBuilder().order(2).build()));

        routing.setWeights(alb.rule(), weights(alb.blue(), 50, alb.green(), 50));

        var oidc = ruleActions(alb.rule()).getFirst().authenticateOidcConfig();
        assertThat(oidc.useExistingClientSecret()).isTrue();
        assertThat(oidc.clientSecret()).isNull();
        assertThat(oidc.clientId()).isEqualTo("berth");
    }

    @Test
    void aRuleWithoutAForwardHasNoWeights() {
        Alb alb = alb();
        elb.modifyRule(r -> r.ruleArn(alb.rule()).actions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE)
                .fixedResponseConfig(f -> f.statusCode("503").contentType("text/plain").messageBody("maintenance"))));

        assertThat(routing.weights(alb.rule())).isEmpty();
        assertThatThrownBy(() -> routing.setWeights(alb.rule(), Map.of(alb.blue(), 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no forward action")
                .hasMessageContaining("fixed-response");
    }

    @Test
    void weightsOutsideElbsRangeAreRefusedBeforeAnyCall() {
        Alb alb = alb();

        assertThatThrownBy(() -> routing.setWeights(alb.listener(), Map.of(alb.blue(), 1000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 999");
        assertThatThrownBy(() -> routing.setWeights(alb.listener(), Map.of(alb.blue(), -1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> routing.setWeights(alb.listener(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one target group");
        assertThat(routing.weights(alb.listener())).containsExactly(entry(alb.blue(), 1));
    }

    @Test
    void anUnknownListenerIsAnAwsCallExceptionWithTheAwsErrorCode() {
        Alb alb = alb();
        String unknown = alb.listener().substring(0, alb.listener().lastIndexOf('/') + 1) + "0123456789abcdef";

        assertThatThrownBy(() -> routing.weights(unknown))
                .isInstanceOf(AwsCallException.class)
                .hasMessageContaining("DescribeListeners " + unknown)
                .hasMessageContaining("ListenerNotFound")
                .cause().isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ListenerNotFound"));
        assertThatThrownBy(() -> routing.setWeights(unknown, Map.of(alb.blue(), 1)))
                .isInstanceOf(AwsCallException.class).hasMessageContaining("ListenerNotFound");
    }

    @Test
    void anUnknownRuleIsAnAwsCallExceptionWithTheAwsErrorCode() {
        Alb alb = alb();
        String unknown = alb.rule().substring(0, alb.rule().lastIndexOf('/') + 1) + "0123456789abcdef";

        assertThatThrownBy(() -> routing.weights(unknown))
                .isInstanceOf(AwsCallException.class)
                .hasMessageContaining("DescribeRules " + unknown)
                .hasMessageContaining("RuleNotFound")
                .cause().isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RuleNotFound"));
        assertThatThrownBy(() -> routing.setWeights(unknown, Map.of(alb.blue(), 1)))
                .isInstanceOf(AwsCallException.class).hasMessageContaining("RuleNotFound");
    }

    @Test
    void anUnknownTargetGroupInARulesWeightsIsTheAwsErrorCode() {
        Alb alb = alb();
        String unknown = alb.blue().replace("-blue/", "-gone/");

        assertThatThrownBy(() -> routing.setWeights(alb.rule(), weights(alb.blue(), 50, unknown, 50)))
                .isInstanceOf(AwsCallException.class)
                .hasMessageContaining("ModifyRule " + alb.rule())
                .hasMessageContaining("TargetGroupNotFound");
        assertThat(routing.weights(alb.rule())).containsExactly(entry(alb.blue(), 80), entry(alb.green(), 20));
    }
}
