package dev.berth.sandbox.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.target.Strategy.BlueGreen.ColorService;
import dev.berth.domain.target.Target;
import dev.berth.domain.traffic.TrafficSchedule;
import dev.berth.handlers.TargetDocument;
import dev.berth.json.Json;
import dev.berth.sandbox.TestPaths;
import dev.berth.workflow.StrategySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/blue-green-service.yaml}, the stack a team deploys on their side for a blue/green target: it lints
 * clean, it creates the pair as Berth expects to find it (blue live with its tasks, green idle at weight 0 and no
 * tasks, each color its own target group), and its outputs assemble a target that Berth reads as that pair.
 */
class BlueGreenExampleTest {

    private static final Path ROOT = TestPaths.projectRoot();
    private static final Path EXAMPLE = ROOT.resolve("examples/blue-green-service.yaml");
    private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.0.0";
    private static final String REPOSITORY = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web";
    /** The parameters without a default; the rest keep theirs (ServiceName web, DesiredCount 2, LiveColor blue). */
    private static final Map<String, String> REQUIRED = Map.of("VpcId", "vpc-0abc", "Subnets", "subnet-0aaa,subnet-0bbb",
            "Cluster", "shop", "Image", IMAGE);

    /** What CloudFormation would make up for the ELB resources (the sandbox's resolver does not model them). */
    private static final String BLUE_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-w-BlueT-1F3K9Q2ZL0XYZ/73e2d6bc24d8a067";
    private static final String GREEN_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-w-Green-7TQ2M4PLW1ABC/83e2d6bc24d8a068";
    private static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop-w-LoadB-1XKE4R7/50dc6c495c0c9188/f2f7dc8efc522ab2";
    private static final String TEST_LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop-w-LoadB-1XKE4R7/50dc6c495c0c9188/a2f7dc8efc522ab3";

    private static final String ECS_SERVICE = "AWS::ECS::Service";
    private static final String TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup";
    private static final String LISTENER_TYPE = "AWS::ElasticLoadBalancingV2::Listener";

    @Test
    void cfnLintFindsNothing() throws IOException, InterruptedException {
        CfnLint.findsNothingIn(ROOT, "examples/blue-green-service.yaml");
    }


    @Test
    void blueIsLiveWithItsTasksAndGreenIdleEachWithItsOwnTargetGroup() {
        SamTemplate template = SamTemplate.load(EXAMPLE, AwsLocation.SANDBOX, REQUIRED);
        TemplateResource blue = service(template, "-blue");
        TemplateResource green = service(template, "-green");
        IntrinsicResolver resolver = template.resolver();

        assertThat(resolver.resolveString(blue.properties().get("ServiceName"))).isEqualTo("web-blue");
        assertThat(resolver.resolveString(green.properties().get("ServiceName"))).isEqualTo("web-green");
        assertThat(resolver.resolveString(blue.properties().get("DesiredCount"))).isEqualTo("2");
        assertThat(resolver.resolveString(green.properties().get("DesiredCount"))).isEqualTo("0");
        for (TemplateResource color : List.of(blue, green)) {
            Map<String, Object> properties = color.properties();
            assertThat(properties.get("DeploymentController")).as(color.logicalId()).isEqualTo(Map.of("Type", "ECS"));
            assertThat(map(properties.get("DeploymentConfiguration")).get("DeploymentCircuitBreaker")).as(color.logicalId())
                    .isEqualTo(Map.of("Enable", true, "Rollback", false));
            assertThat(properties.get("TaskDefinition")).as("both colors start on the stack's revision")
                    .isEqualTo(Map.of("Ref", "TaskDefinition"));
        }

        String blueGroup = targetGroupOf(template, blue);
        String greenGroup = targetGroupOf(template, green);
        assertThat(blueGroup).isNotEqualTo(greenGroup);
        for (String group : List.of(blueGroup, greenGroup)) {
            Map<String, Object> properties = resource(template, group).properties();
            assertThat(properties.get("TargetType")).as(group).isEqualTo("ip");
            assertThat(resolver.resolveString(properties.get("HealthCheckPath"))).as(group).isEqualTo("/health");
            assertThat(resolver.resolve(properties.get("TargetGroupAttributes"))).as(group)
                    .isEqualTo(List.of(Map.of("Key", "deregistration_delay.timeout_seconds", "Value", "30")));
        }

        TemplateResource production = listenerOnPort(template, "80");
        assertThat(weights(template, production)).containsExactly(Map.entry(blueGroup, 100), Map.entry(greenGroup, 0));
        TemplateResource test = listenerOnPort(template, "9000");
        assertThat(weights(template, test)).as("the test listener starts as the production one")
                .containsExactly(Map.entry(blueGroup, 100), Map.entry(greenGroup, 0));
    }

    /** The way back to a stack that agrees with what Berth left: LiveColor=green gives green the tasks and the traffic. */
    @Test
    void liveColorGreenGivesGreenTheTasksAndTheTraffic() {
        Map<String, String> parameters = new LinkedHashMap<>(REQUIRED);
        parameters.put("LiveColor", "green");
        SamTemplate template = SamTemplate.load(EXAMPLE, AwsLocation.SANDBOX, parameters);
        TemplateResource blue = service(template, "-blue");
        TemplateResource green = service(template, "-green");

        assertThat(template.resolver().resolveString(blue.properties().get("DesiredCount"))).isEqualTo("0");
        assertThat(template.resolver().resolveString(green.properties().get("DesiredCount"))).isEqualTo("2");
        String blueGroup = targetGroupOf(template, blue);
        String greenGroup = targetGroupOf(template, green);
        for (String port : List.of("80", "9000")) {
            assertThat(weights(template, listenerOnPort(template, port))).as("port " + port)
                    .containsExactly(Map.entry(blueGroup, 0), Map.entry(greenGroup, 100));
        }
    }

    @Test
    void outputsGiveEveryValueTheTargetNeedsAndTheTargetItself() throws IOException {
        Map<String, Object> outputs = outputs();
        assertThat(outputs).containsKeys("BlueServiceName", "GreenServiceName", "BlueTargetGroupArn", "GreenTargetGroupArn",
                "ListenerArn", "TestListenerArn", "AlarmName", "BerthTarget", "BerthTargetItem");
        assertThat(value(outputs, "BlueServiceName")).isEqualTo(Map.of("Fn::GetAtt", List.of("BlueService", "Name")));
        assertThat(value(outputs, "GreenServiceName")).isEqualTo(Map.of("Fn::GetAtt", List.of("GreenService", "Name")));
        assertThat(value(outputs, "BlueTargetGroupArn")).isEqualTo(Map.of("Ref", "BlueTargetGroup"));
        assertThat(value(outputs, "GreenTargetGroupArn")).isEqualTo(Map.of("Ref", "GreenTargetGroup"));
        assertThat(value(outputs, "ListenerArn")).isEqualTo(Map.of("Ref", "ProductionListener"));
        assertThat(value(outputs, "TestListenerArn")).isEqualTo(Map.of("Ref", "TestListener"));
        assertThat(value(outputs, "AlarmName")).isEqualTo(Map.of("Ref", "FiveXxAlarm"));
        assertThat(subText(value(outputs, "BerthTarget"))).contains("\"blue-green\"");
    }

    /**
     * BerthTarget, with the values CloudFormation would put in, is a target document Berth accepts: the pair this
     * stack created, its listeners and its alarm, following the image's repository.
     */
    @Test
    void berthTargetIsATargetBerthReadsAsThisPair() throws IOException {
        SamTemplate template = SamTemplate.load(EXAMPLE, AwsLocation.SANDBOX, REQUIRED);
        Target target = Json.mapper().readValue(rendered(template, "BerthTarget"), TargetDocument.class).toTarget();

        assertThat(target.repository()).isEqualTo(REPOSITORY);
        assertThat(target.tagPolicy().kind()).isEqualTo("semver");
        assertThat(target.tagPolicy().expression()).isEqualTo(">=1.0.0");
        assertThat(target.cluster()).isEqualTo("shop");
        assertThat(target.service()).isEqualTo("web");
        assertThat(target.containers()).containsExactly(containerName(template));
        assertThat(target.concurrencyPolicy()).isEqualTo(ConcurrencyPolicy.SUPERSEDE);
        assertThat(target.strategy()).isInstanceOfSatisfying(Strategy.BlueGreen.class, blueGreen -> {
            assertThat(blueGreen.blue()).isEqualTo(new ColorService("web-blue", BLUE_TG));
            assertThat(blueGreen.green()).isEqualTo(new ColorService("web-green", GREEN_TG));
            assertThat(blueGreen.listenerArn()).isEqualTo(LISTENER);
            assertThat(blueGreen.testListenerArn()).contains(TEST_LISTENER);
            assertThat(blueGreen.alarms()).containsExactly(alarmName(template));
            assertThat(blueGreen.traffic()).isEqualTo(new TrafficSchedule.Canary(10, Duration.ofMinutes(5)));
            assertThat(blueGreen.health()).isEqualTo(new Strategy.Rolling(Duration.ofMinutes(10), Duration.ofSeconds(15), 2,
                    Duration.ofSeconds(60)));
            assertThat(blueGreen.manualGate()).isFalse();
            assertThat(blueGreen.gateTimeout()).isEqualTo(Duration.ofHours(1));
            assertThat(blueGreen.finalBake()).isEqualTo(Duration.ofMinutes(5));
            assertThat(blueGreen.terminationWait()).isEqualTo(Duration.ofMinutes(5));
        });
        assertThat(alarmName(template)).isEqualTo("shop-web-5xx");
    }

    @Test
    void theRepositoryIsTheImageWithoutTagOrDigestUnlessGiven() throws IOException {
        for (String image : List.of(REPOSITORY + ":1.0.0", REPOSITORY + "@sha256:" + "a".repeat(64), REPOSITORY)) {
            Map<String, String> parameters = new LinkedHashMap<>(REQUIRED);
            parameters.put("Image", image);
            JsonNode target = Json.mapper().readTree(rendered(SamTemplate.load(EXAMPLE, AwsLocation.SANDBOX, parameters), "BerthTarget"));
            assertThat(target.get("repository").asText()).as(image).isEqualTo(REPOSITORY);
        }
        Map<String, String> parameters = new LinkedHashMap<>(REQUIRED);
        parameters.put("Repository", "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web-builds");
        JsonNode target = Json.mapper().readTree(rendered(SamTemplate.load(EXAMPLE, AwsLocation.SANDBOX, parameters), "BerthTarget"));
        assertThat(target.get("repository").asText()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web-builds");
    }

    /**
     * BerthTargetItem is the TargetsTable item of the same target, in the table's shape: keys and fields as Berth's
     * catalog writes them, the blue-green strategy as {@code {"name", "settings": "<JSON>"}}, settings that read back
     * as BerthTarget's strategy.
     */
    @Test
    void berthTargetItemIsTheSameTargetInTheTablesShape() throws IOException {
        SamTemplate template = SamTemplate.load(EXAMPLE, AwsLocation.SANDBOX, REQUIRED);
        Target target = Json.mapper().readValue(rendered(template, "BerthTarget"), TargetDocument.class).toTarget();
        JsonNode item = Json.mapper().readTree(rendered(template, "BerthTargetItem"));

        assertThat(item.get("repository").get("S").asText()).isEqualTo(target.repository());
        assertThat(item.get("targetKey").get("S").asText()).isEqualTo(target.key());
        assertThat(item.get("cluster").get("S").asText()).isEqualTo(target.cluster());
        assertThat(item.get("service").get("S").asText()).isEqualTo(target.service());
        List<String> containers = new ArrayList<>();
        item.get("containers").get("L").forEach(container -> containers.add(container.get("S").asText()));
        assertThat(containers).isEqualTo(target.containers());
        assertThat(item.get("tagPolicyKind").get("S").asText()).isEqualTo(target.tagPolicy().kind());
        assertThat(item.get("tagPolicy").get("S").asText()).isEqualTo(target.tagPolicy().expression());
        assertThat(item.get("concurrencyPolicy").get("S").asText()).isEqualTo(target.concurrencyPolicy().configName());
        JsonNode strategy = item.get("strategy").get("M");
        assertThat(strategy.get("name").get("S").asText()).isEqualTo("blue-green");
        StrategySettings settings = Json.read(strategy.get("settings").get("S").asText(), StrategySettings.class);
        assertThat(settings.strategy()).isEqualTo(target.strategy());
        assertThat(settings.policy()).isEqualTo(target.concurrencyPolicy());
    }

    // ---- reading the template

    private static TemplateResource service(SamTemplate template, String suffix) {
        List<TemplateResource> services = template.resources().stream().filter(r -> r.type().equals(ECS_SERVICE))
                .filter(r -> template.resolver().resolveString(r.properties().get("ServiceName")).endsWith(suffix))
                .toList();
        assertThat(services).as("ECS services named *" + suffix).hasSize(1);
        return services.getFirst();
    }

    /** The logical id of the one target group the service registers into. */
    private static String targetGroupOf(SamTemplate template, TemplateResource service) {
        List<?> loadBalancers = (List<?>) service.properties().get("LoadBalancers");
        assertThat(loadBalancers).as(service.logicalId() + ".LoadBalancers").hasSize(1);
        String group = refName(map(loadBalancers.getFirst()).get("TargetGroupArn"));
        assertThat(resource(template, group).type()).isEqualTo(TARGET_GROUP);
        return group;
    }

    private static TemplateResource listenerOnPort(SamTemplate template, String port) {
        List<TemplateResource> listeners = template.resources().stream().filter(r -> r.type().equals(LISTENER_TYPE))
                .filter(r -> template.resolver().resolveString(r.properties().get("Port")).equals(port))
                .toList();
        assertThat(listeners).as("listeners on port " + port).hasSize(1);
        return listeners.getFirst();
    }

    /** The listener's one default action: a forward whose ForwardConfig weighs target groups (logical id to weight). */
    private static Map<String, Integer> weights(SamTemplate template, TemplateResource listener) {
        List<?> actions = (List<?>) listener.properties().get("DefaultActions");
        assertThat(actions).as(listener.logicalId() + ".DefaultActions").hasSize(1);
        Map<String, Object> action = map(actions.getFirst());
        assertThat(action.get("Type")).isEqualTo("forward");
        assertThat(action).as("only a ForwardConfig, which Berth rewrites").doesNotContainKey("TargetGroupArn");
        var weights = new LinkedHashMap<String, Integer>();
        for (Object group : (List<?>) map(action.get("ForwardConfig")).get("TargetGroups")) {
            Map<String, Object> tuple = map(group);
            weights.put(refName(tuple.get("TargetGroupArn")),
                    Integer.parseInt(template.resolver().resolveString(tuple.get("Weight"))));
        }
        return weights;
    }

    private static String containerName(SamTemplate template) {
        List<?> containers = (List<?>) resource(template, "TaskDefinition").properties().get("ContainerDefinitions");
        assertThat(containers).hasSize(1);
        return template.resolver().resolveString(map(containers.getFirst()).get("Name"));
    }

    private static String alarmName(SamTemplate template) {
        return template.resolver().resolveString(resource(template, "FiveXxAlarm").properties().get("AlarmName"));
    }

    private static TemplateResource resource(SamTemplate template, String logicalId) {
        return template.resources().stream().filter(r -> r.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + logicalId));
    }

    /**
     * The output's {@code !Sub} as CloudFormation would render it: the template's parameters and variables, with
     * what CloudFormation makes up for the resources (service names as the template sets them, ARNs as ELB gives them).
     */
    private static String rendered(SamTemplate template, String output) throws IOException {
        List<?> sub = (List<?>) map(value(outputs(), output)).get("Fn::Sub");
        assertThat(sub).as(output + " is !Sub [text, {variables}]").hasSize(2);
        var variables = new LinkedHashMap<String, Object>(map(sub.get(1)));
        IntrinsicResolver resolver = template.resolver();
        variables.put("BlueService.Name", resolver.resolveString(service(template, "-blue").properties().get("ServiceName")));
        variables.put("GreenService.Name", resolver.resolveString(service(template, "-green").properties().get("ServiceName")));
        variables.put("BlueTargetGroup", BLUE_TG);
        variables.put("GreenTargetGroup", GREEN_TG);
        variables.put("ProductionListener", LISTENER);
        variables.put("TestListener", TEST_LISTENER);
        variables.put("FiveXxAlarm", alarmName(template)); // !Ref of an alarm is its name
        return resolver.resolveString(Map.of("Fn::Sub", List.of(sub.get(0), variables)));
    }

    private static Map<String, Object> outputs() throws IOException {
        return map(map(CfnYaml.parse(Files.readString(EXAMPLE))).get("Outputs"));
    }

    private static Object value(Map<String, Object> outputs, String name) {
        return map(outputs.get(name)).get("Value");
    }

    /** The text of a {@code !Sub text} or {@code !Sub [text, {variables}]}. */
    private static String subText(Object value) {
        Object sub = map(value).get("Fn::Sub");
        return String.valueOf(sub instanceof List<?> list ? list.getFirst() : sub);
    }

    private static String refName(Object value) {
        return Optional.ofNullable(map(value).get("Ref")).map(String::valueOf)
                .orElseThrow(() -> new AssertionError("expected a !Ref, got " + value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
