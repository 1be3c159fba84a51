package dev.berth.sandbox.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.berth.aws.AwsClients;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.demo.ImagePusher;
import dev.berth.sandbox.ecr.EcrLayersInterceptor;
import dev.berth.sandbox.ecr.LayerStore;
import dev.berth.sandbox.gateway.Gateway;
import dev.berth.sandbox.gateway.HttpForwarder;
import dev.berth.sandbox.moto.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Images as ECS resolves them, StopTask, and shared target groups, through the real SDK against the
 * sandbox's gateway and a real moto (whose ECR holds the pushed images), on a manual clock.
 */
class EcsDataPlaneImagesTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    static Path logs;
    static Gateway gateway;
    static MotoServer moto;
    static HttpForwarder toMoto;
    static EcsClient ecs;
    static ElasticLoadBalancingV2Client elb;
    static Ec2Client ec2;
    static ImagePusher pusher;

    final ManualClock clock = new ManualClock(T0);
    final Scenario scenario = new Scenario();
    EcsDataPlane plane;
    String targetGroup;

    @BeforeAll
    static void startMoto() throws Exception {
        gateway = Gateway.start(0, Optional.empty());
        moto = MotoServer.start(gateway.port(), logs.resolve("moto.log"), Duration.ofSeconds(60));
        toMoto = new HttpForwarder("moto", moto.endpoint(), Duration.ofSeconds(30));
        AwsClients clients = SandboxClients.at(gateway.endpoint(), "us-east-1");
        ecs = clients.ecs();
        elb = clients.elb();
        ec2 = SandboxClients.client(Ec2Client.builder(), gateway.endpoint(), "us-east-1");
        pusher = new ImagePusher(clients, "123456789012", "us-east-1");
    }

    @AfterAll
    static void stopMoto() {
        gateway.close();
        toMoto.close();
        moto.close();
    }

    @BeforeEach
    void freshEmulatorAndDataPlane() {
        moto.reset();
        plane = new EcsDataPlane(clock, scenario, DataPlaneTimings.defaults(), new InMemoryEventSink());
        // The layer store takes the pusher's config blobs, as in the sandbox.
        gateway.route(new Gateway.Routes(List.of(new EcsDataPlaneInterceptor(plane), new EcrLayersInterceptor(new LayerStore())),
                toMoto, toMoto));
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        targetGroup = elb.createTargetGroup(b -> b.name("web").protocol(ProtocolEnum.HTTP).port(8080).vpcId(vpc)
                .targetType(TargetTypeEnum.IP)).targetGroups().getFirst().targetGroupArn();
        ecs.createCluster(b -> b.clusterName("prod"));
    }

    @Test
    void describeTasksReportsTheDigestTheTagResolvedToAndARuntimeId() {
        ImagePusher.PushedImage pushed = pusher.push("shop/web", "1.0.0");
        createService("web", register("web", pushed.repositoryUri() + ":1.0.0"), 2);
        clock.set(T0.plusSeconds(17));

        assertThat(tasks("web")).hasSize(2).allSatisfy(task -> assertThat(task.containers()).singleElement()
                .satisfies(container -> {
                    assertThat(container.image()).isEqualTo(pushed.repositoryUri() + ":1.0.0");
                    assertThat(container.imageDigest()).isEqualTo(pushed.digest());
                    assertThat(container.runtimeId()).matches(task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1)
                            + "-\\d{10}");
                }));
    }

    @Test
    void aBehaviourSetOnATagBeforeThePushAppliesToTasksRunningItsDigest() {
        scenario.set(ImageSelector.parse("shop/web:2.0.0"), ImageBehaviour.unhealthy());
        ImagePusher.PushedImage good = pusher.push("shop/web", "1.0.0");
        createService("web", register("web", good.repositoryUri() + "@" + good.digest()), 2);
        clock.set(T0.plusSeconds(17));
        assertThat(targetStates()).containsOnly(TargetHealthStateEnum.HEALTHY);

        ImagePusher.PushedImage bad = pusher.push("shop/web", "2.0.0");
        String badRevision = register("web", bad.repositoryUri() + "@" + bad.digest());
        ecs.updateService(b -> b.cluster("prod").service("web").taskDefinition(badRevision));
        clock.set(T0.plusSeconds(35)); // running at 24, two failed checks at 34

        assertThat(targetStates()).containsExactly(TargetHealthStateEnum.HEALTHY, TargetHealthStateEnum.HEALTHY,
                TargetHealthStateEnum.UNHEALTHY, TargetHealthStateEnum.UNHEALTHY);
        // Tasks of both revisions, each with its own task definition and the digest it pulled.
        assertThat(tasks("web")).extracting(Task::taskDefinitionArn, task -> task.containers().getFirst().imageDigest())
                .containsExactlyInAnyOrder(
                        tuple(revisionArn(1), good.digest()),
                        tuple(revisionArn(1), good.digest()),
                        tuple(revisionArn(2), bad.digest()),
                        tuple(revisionArn(2), bad.digest()));
    }

    @Test
    void aForcedDeploymentPicksUpTheImageAMovedTagNowPointsAt() {
        ImagePusher.PushedImage first = pusher.push("shop/web", "latest");
        createService("web", register("web", first.repositoryUri() + ":latest"), 1);
        clock.set(T0.plusSeconds(17));
        ImagePusher.PushedImage second = pusher.push("shop/web", "latest");

        ecs.updateService(b -> b.cluster("prod").service("web").forceNewDeployment(true));
        clock.set(T0.plusSeconds(27));

        assertThat(tasks("web")).extracting(task -> task.containers().getFirst().imageDigest())
                .containsExactly(first.digest(), second.digest());
    }

    @Test
    void stopTaskStopsASimulatedTaskWithTheGivenReasonAndItsServiceReplacesIt() {
        createService("web", register("web", "nginx:1.27"), 2);
        clock.set(T0.plusSeconds(17));
        String victim = ecs.listTasks(b -> b.cluster("prod").serviceName("web")).taskArns().getFirst();

        Task stopping = ecs.stopTask(b -> b.cluster("prod").task(victim).reason("game day")).task();

        assertThat(stopping.taskArn()).isEqualTo(victim);
        assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopping.stoppedReason()).isEqualTo("game day");
        assertThat(stopping.stopCode()).isEqualTo(TaskStopCode.USER_INITIATED);
        assertThat(ecs.listTasks(b -> b.cluster("prod").serviceName("web")).taskArns()).hasSize(2).doesNotContain(victim);

        clock.set(T0.plusSeconds(34));
        assertThat(ecs.listTasks(b -> b.cluster("prod").serviceName("web").desiredStatus(DesiredStatus.STOPPED))
                .taskArns()).containsExactly(victim);
        assertThat(targetStates()).containsExactly(TargetHealthStateEnum.HEALTHY, TargetHealthStateEnum.HEALTHY);
    }

    @Test
    void servicesSharingATargetGroupEachShowTheirOwnTasksAsTargets() {
        scenario.set(ImageSelector.parse("shop/api"), ImageBehaviour.unhealthy());
        createService("web", register("web", "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1"), 2);
        createService("api", register("api", "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api:1"), 1);
        clock.set(T0.plusSeconds(17));

        List<TargetHealthDescription> targets = elb.describeTargetHealth(b -> b.targetGroupArn(targetGroup))
                .targetHealthDescriptions();
        assertThat(targets).hasSize(3);
        assertThat(targets).filteredOn(target -> ipsOf("web").contains(target.target().id()))
                .extracting(target -> target.targetHealth().state()).containsExactly(TargetHealthStateEnum.HEALTHY,
                        TargetHealthStateEnum.HEALTHY);
        assertThat(targets).filteredOn(target -> ipsOf("api").contains(target.target().id()))
                .extracting(target -> target.targetHealth().state()).containsExactly(TargetHealthStateEnum.UNHEALTHY);
    }

    private List<String> ipsOf(String service) {
        return tasks(service).stream().map(task -> task.containers().getFirst().networkInterfaces().getFirst()
                .privateIpv4Address()).toList();
    }

    private static String revisionArn(int revision) {
        return "arn:aws:ecs:us-east-1:123456789012:task-definition/web:" + revision;
    }

    private String register(String family, String image) {
        return ecs.registerTaskDefinition(b -> b.family(family).networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("app").image(image).essential(true)
                        .portMappings(PortMapping.builder().containerPort(8080).build()).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private void createService(String name, String taskDefinition, int desired) {
        ecs.createService(b -> b.cluster("prod").serviceName(name).taskDefinition(taskDefinition).desiredCount(desired)
                .launchType(LaunchType.FARGATE)
                .loadBalancers(software.amazon.awssdk.services.ecs.model.LoadBalancer.builder()
                        .targetGroupArn(targetGroup).containerName("app").containerPort(8080).build()));
    }

    private List<Task> tasks(String service) {
        List<String> arns = ecs.listTasks(b -> b.cluster("prod").serviceName(service)).taskArns();
        return ecs.describeTasks(b -> b.cluster("prod").tasks(arns)).tasks().stream()
                .sorted(Comparator.comparing(Task::createdAt)).toList();
    }

    private List<TargetHealthStateEnum> targetStates() {
        return elb.describeTargetHealth(b -> b.targetGroupArn(targetGroup)).targetHealthDescriptions().stream()
                .map(target -> target.targetHealth().state()).toList();
    }
}
