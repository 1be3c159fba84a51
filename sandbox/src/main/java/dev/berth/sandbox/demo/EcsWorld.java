package dev.berth.sandbox.demo;

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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Builds what a team has before adopting Berth, through the AWS APIs only: a VPC, an ALB with a
 * listener forwarding to a target group, an ECS cluster, and a Fargate service registered into the
 * target group, running a task definition with a sidecar, secrets, logging and a health check.
 */
public final class EcsWorld {

    private final Ec2Client ec2;
    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elb;

    public EcsWorld(AwsClients clients) {
        this.ec2 = clients.configure(Ec2Client.builder(), "EC2").build();
        this.ecs = clients.ecs();
        this.elb = clients.elb();
    }

    /** Creates the service running {@code repositoryUri:initialTag} and waits until its first rollout completes. */
    public DemoService create(String cluster, String service, String repositoryUri, String initialTag, int desiredCount,
                              Duration steadyWithin) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        List<String> subnets = List.of(
                ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId(),
                ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId());
        String securityGroup = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName(cluster + "-" + service)
                .description("tasks of " + cluster + "/" + service)).groupId();
        String name = shortName(cluster + "-" + service);
        String loadBalancer = elb.createLoadBalancer(r -> r.name(name).subnets(subnets)).loadBalancers().getFirst().loadBalancerArn();
        String targetGroup = elb.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(8080).vpcId(vpc)
                .targetType(TargetTypeEnum.IP).healthCheckPath("/health")).targetGroups().getFirst().targetGroupArn();
        elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroup)));

        ecs.createCluster(r -> r.clusterName(cluster));
        String taskDefinition = ecs.registerTaskDefinition(r -> r.family(service)
                .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .executionRoleArn("arn:aws:iam::123456789012:role/" + service + "-execution")
                .runtimePlatform(p -> p.operatingSystemFamily(OSFamily.LINUX).cpuArchitecture("X86_64"))
                .volumes(v -> v.name("scratch"))
                .containerDefinitions(app(service, repositoryUri + ":" + initialTag), logRouter())
                .tags(t -> t.key("team").value("shop"))).taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster(cluster).serviceName(service).taskDefinition(taskDefinition)
                .desiredCount(desiredCount).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnets).securityGroups(securityGroup)))
                .loadBalancers(lb -> lb.targetGroupArn(targetGroup).containerName(service).containerPort(8080))
                .deploymentConfiguration(d -> d.minimumHealthyPercent(100).maximumPercent(200)
                        .deploymentCircuitBreaker(c -> c.enable(true).rollback(false))));
        awaitSteady(cluster, service, steadyWithin);
        return new DemoService(cluster, service, repositoryUri, targetGroup, taskDefinition);
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

    private static String shortName(String name) {
        // ALB and target group names: at most 32 characters, letters, digits and hyphens.
        String cleaned = name.replaceAll("[^A-Za-z0-9-]", "-");
        return cleaned.length() <= 32 ? cleaned : cleaned.substring(0, 32);
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
