package dev.berth.sandbox.demo;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import dev.berth.aws.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Builds what a team has before adopting Berth, through the AWS APIs only: a VPC, an ALB with a
 * listener forwarding to a target group, an ECS cluster, and a Fargate service registered into the
 * target group, running a task definition with a sidecar, secrets, logging and a health check; or, for
 * blue/green, two such services behind two target groups the listeners forward to by weight
 * ({@link #createBlueGreen}).
 */
public final class EcsWorld {

    /** Room a target group name keeps for its color: {@code -green}. */
    static final int BLUE_GREEN_SUFFIX_ROOM = "-green".length();

    private final Ec2Client ec2;
    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elb;
    private final CloudWatchClient cloudWatch;

    public EcsWorld(AwsClients clients) {
        this.ec2 = clients.configure(Ec2Client.builder(), "EC2").build();
        this.ecs = clients.ecs();
        this.elb = clients.elb();
        this.cloudWatch = clients.cloudWatch();
    }

    /** Creates the service running {@code repositoryUri:initialTag} and waits until its first rollout completes. */
    public DemoService create(String cluster, String service, String repositoryUri, String initialTag, int desiredCount,
                              Duration steadyWithin) {
        Network network = network(cluster, service);
        String name = shortName(cluster + "-" + service);
        String loadBalancer = loadBalancer(name, network);
        String targetGroup = targetGroup(name, network);
        elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroup)));

        ecs.createCluster(r -> r.clusterName(cluster));
        String taskDefinition = taskDefinition(service, repositoryUri + ":" + initialTag);
        service(cluster, service, service, taskDefinition, desiredCount, network, targetGroup);
        awaitSteady(cluster, service, steadyWithin);
        return new DemoService(cluster, service, repositoryUri, targetGroup, taskDefinition);
    }

    /**
     * Creates a blue/green pair running {@code repositoryUri:initialTag}, as a team has it before Berth shifts
     * traffic between the colors: one ALB with two target groups, {@code <cluster>-<name>-blue} and
     * {@code -green} (the {@code <cluster>-<name>} part cut so that the 32-character name keeps its color), and
     * <ul>
     *   <li>a production listener on port 80 whose default action forwards to blue at weight 100 and green at 0;</li>
     *   <li>on it, a rule at priority 10 with the condition {@code path-pattern /*} (every request, so it decides
     *       before the default action) forwarding with the same weights: for deployments that shift a rule's
     *       weights rather than a listener's;</li>
     *   <li>a test listener on port 8443 (HTTP) forwarding to blue 100 / green 0;</li>
     *   <li>ECS services {@code <name>-blue} ({@code desiredCount} tasks, in the blue target group) and
     *       {@code <name>-green} (0 tasks, in the green one), both running one task definition (family
     *       {@code name}, container {@code name} on port 8080), minimum 100% maximum 200%, circuit breaker on
     *       without rollback.</li>
     * </ul>
     * Waits, within {@code steadyWithin} in all, until both services' rollouts completed and the blue target
     * group has {@code desiredCount} healthy targets.
     */
    public BlueGreenPair createBlueGreen(String cluster, String name, String repositoryUri, String initialTag,
                                         int desiredCount, Duration steadyWithin) {
        Instant deadline = Instant.now().plus(steadyWithin);
        Network network = network(cluster, name);
        String base = cluster + "-" + name;
        String loadBalancer = loadBalancer(shortName(base), network);
        String blueTargetGroup = targetGroup(shortName(base, BLUE_GREEN_SUFFIX_ROOM) + "-blue", network);
        String greenTargetGroup = targetGroup(shortName(base, BLUE_GREEN_SUFFIX_ROOM) + "-green", network);
        Action allToBlue = weightedForward(blueTargetGroup, 100, greenTargetGroup, 0);
        String listener = elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(allToBlue)).listeners().getFirst().listenerArn();
        String rule = elb.createRule(r -> r.listenerArn(listener).priority(10)
                .conditions(c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/*")))
                .actions(allToBlue)).rules().getFirst().ruleArn();
        String testListener = elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol(ProtocolEnum.HTTP).port(8443)
                .defaultActions(allToBlue)).listeners().getFirst().listenerArn();

        ecs.createCluster(r -> r.clusterName(cluster));
        String taskDefinition = taskDefinition(name, repositoryUri + ":" + initialTag);
        String blue = name + "-blue";
        String green = name + "-green";
        service(cluster, blue, name, taskDefinition, desiredCount, network, blueTargetGroup);
        service(cluster, green, name, taskDefinition, 0, network, greenTargetGroup);
        awaitSteady(cluster, blue, Duration.between(Instant.now(), deadline));
        awaitSteady(cluster, green, Duration.between(Instant.now(), deadline));
        awaitHealthyTargets(blueTargetGroup, desiredCount, deadline);
        return new BlueGreenPair(cluster, name, blue, green, blueTargetGroup, greenTargetGroup, loadBalancer, listener, rule,
                testListener, taskDefinition);
    }

    /** A forward action sending {@code firstWeight} to {@code first} and {@code secondWeight} to {@code second}. */
    private static Action weightedForward(String first, int firstWeight, String second, int secondWeight) {
        return Action.builder().type(ActionTypeEnum.FORWARD)
                .forwardConfig(f -> f.targetGroups(
                        TargetGroupTuple.builder().targetGroupArn(first).weight(firstWeight).build(),
                        TargetGroupTuple.builder().targetGroupArn(second).weight(secondWeight).build()))
                .build();
    }

    /** Where the tasks of a service run: a VPC with two subnets and a security group. */
    private record Network(String vpc, List<String> subnets, String securityGroup) {}

    private Network network(String cluster, String service) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        List<String> subnets = List.of(
                ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId(),
                ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId());
        String securityGroup = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName(cluster + "-" + service)
                .description("tasks of " + cluster + "/" + service)).groupId();
        return new Network(vpc, subnets, securityGroup);
    }

    private String loadBalancer(String name, Network network) {
        return elb.createLoadBalancer(r -> r.name(name).subnets(network.subnets())).loadBalancers().getFirst().loadBalancerArn();
    }

    private String targetGroup(String name, Network network) {
        return elb.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(8080).vpcId(network.vpc())
                .targetType(TargetTypeEnum.IP).healthCheckPath("/health")).targetGroups().getFirst().targetGroupArn();
    }

    /** Registers the demo's task definition: family and app container {@code name}, running {@code image}. */
    private String taskDefinition(String name, String image) {
        return ecs.registerTaskDefinition(r -> r.family(name)
                .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .executionRoleArn("arn:aws:iam::123456789012:role/" + name + "-execution")
                .runtimePlatform(p -> p.operatingSystemFamily(OSFamily.LINUX).cpuArchitecture("X86_64"))
                .volumes(v -> v.name("scratch"))
                .containerDefinitions(app(name, image), logRouter())
                .tags(t -> t.key("team").value("shop"))).taskDefinition().taskDefinitionArn();
    }

    private void service(String cluster, String service, String containerName, String taskDefinition, int desiredCount,
                         Network network, String targetGroup) {
        ecs.createService(r -> r.cluster(cluster).serviceName(service).taskDefinition(taskDefinition)
                .desiredCount(desiredCount).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(network.subnets())
                        .securityGroups(network.securityGroup())))
                .loadBalancers(lb -> lb.targetGroupArn(targetGroup).containerName(containerName).containerPort(8080))
                .deploymentConfiguration(d -> d.minimumHealthyPercent(100).maximumPercent(200)
                        .deploymentCircuitBreaker(c -> c.enable(true).rollback(false))));
    }

    private static ContainerDefinition app(String name, String image) {
        return ContainerDefinition.builder().name(name).image(image).essential(true)
                .portMappings(p -> p.containerPort(8080))
                .environment(e -> e.name("SPRING_PROFILES_ACTIVE").value("prod"))
                .secrets(s -> s.name("DB_PASSWORD").valueFrom("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"))
                // A start period, as apps that warm up set one: failures in it do not count, a pass ends it.
                .healthCheck(h -> h.command("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1").interval(10).retries(3)
                        .startPeriod(90))
                .dependsOn(d -> d.containerName("log-router").condition("START"))
                .mountPoints(m -> m.sourceVolume("scratch").containerPath("/tmp/scratch"))
                .logConfiguration(l -> l.logDriver(LogDriver.AWSFIRELENS))
                .build();
    }

    private static ContainerDefinition logRouter() {
        return ContainerDefinition.builder().name("log-router")
                .image("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable").essential(true)
                .firelensConfiguration(f -> f.type("fluentbit"))
                .build();
    }

    /** Waits until the service's only deployment is COMPLETED (bounded). */
    /** A CloudWatch alarm on the load balancers' 5XX count, as a team watches a service with; OK to begin with. */
    public void createAlarm(String name) {
        cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("AWS/ApplicationELB").metricName("HTTPCode_Target_5XX_Count")
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        setAlarm(name, StateValue.OK);
    }

    /** Sets an alarm's state, as {@code aws cloudwatch set-alarm-state} does (CloudWatch itself would, from the metric). */
    public void setAlarm(String name, StateValue state) {
        cloudWatch.setAlarmState(r -> r.alarmName(name).stateValue(state).stateReason("set by hand in the sandbox"));
    }

    public void awaitSteady(String cluster, String service, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Service s = ecs.describeServices(r -> r.cluster(cluster).services(service)).services().getFirst();
            if (s.deployments().size() == 1 && s.deployments().getFirst().rolloutState() == DeploymentRolloutState.COMPLETED) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("service " + cluster + "/" + service + " not steady within " + within
                        + ": " + s.deployments());
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /** Waits until {@code targetGroup} has {@code count} healthy targets (the data plane answers DescribeTargetHealth). */
    private void awaitHealthyTargets(String targetGroup, int count, Instant deadline) {
        while (true) {
            long healthy = elb.describeTargetHealth(r -> r.targetGroupArn(targetGroup)).targetHealthDescriptions().stream()
                    .filter(target -> target.targetHealth().state() == TargetHealthStateEnum.HEALTHY).count();
            if (healthy == count) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("target group " + targetGroup + " has " + healthy + " healthy targets, not "
                        + count + ", by " + deadline);
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static String shortName(String name) {
        // ALB and target group names: at most 32 characters, letters, digits and hyphens.
        String cleaned = name.replaceAll("[^A-Za-z0-9-]", "-");
        return cleaned.length() <= 32 ? cleaned : cleaned.substring(0, 32);
    }

    /**
     * {@link #shortName(String)} leaving {@code room} characters for a suffix, without a trailing hyphen
     * (ELB rejects names with {@code --}).
     */
    static String shortName(String name, int room) {
        String cut = shortName(name);
        return cut.substring(0, Math.min(cut.length(), 32 - room)).replaceAll("-+$", "");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
