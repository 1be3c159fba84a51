package dev.berth.sandbox.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.aws.AwsClients;
import dev.berth.json.Json;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.gateway.Gateway;
import dev.berth.sandbox.gateway.HttpForwarder;
import dev.berth.sandbox.gateway.RequestClassifier;
import dev.berth.sandbox.moto.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The interceptor between the real AWS SDK and a real moto server: proves the SDK parses the data
 * plane's DescribeServices, DescribeTargetHealth, ListTasks and DescribeTasks answers. The sandbox's
 * own gateway and moto, without the rest of the sandbox: each test gives the gateway a data plane
 * on its own manual clock.
 */
class EcsDataPlaneInterceptorTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web";

    @TempDir
    static Path logs;
    static Gateway gateway;
    static MotoServer moto;
    static HttpForwarder toMoto;
    static AwsClients clients;
    static EcsClient ecs;
    static ElasticLoadBalancingV2Client elb;
    static Ec2Client ec2;

    final ManualClock clock = new ManualClock(T0);
    final Scenario scenario = new Scenario();
    final InMemoryEventSink sink = new InMemoryEventSink();
    EcsDataPlane plane;
    String vpc;
    String targetGroup;

    @BeforeAll
    static void startMoto() throws Exception {
        gateway = Gateway.start(0, Optional.empty());
        moto = MotoServer.start(gateway.port(), logs.resolve("moto.log"), Duration.ofSeconds(60));
        toMoto = new HttpForwarder("moto", moto.endpoint(), Duration.ofSeconds(30));
        clients = SandboxClients.at(gateway.endpoint(), "us-east-1");
        ecs = clients.ecs();
        elb = clients.elb();
        ec2 = SandboxClients.client(Ec2Client.builder(), gateway.endpoint(), "us-east-1");
    }

    @AfterAll
    static void stopMoto() {
        ecs.close();
        elb.close();
        ec2.close();
        gateway.close();
        toMoto.close();
        moto.close();
    }

    @BeforeEach
    void freshEmulatorAndDataPlane() {
        moto.reset();
        plane = new EcsDataPlane(clock, scenario, DataPlaneTimings.defaults(), sink);
        use(new EcsDataPlaneInterceptor(plane));
        gateway.resetCallCounts();
        vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        targetGroup = createTargetGroup("web");
        ecs.createCluster(b -> b.clusterName("prod"));
        registerWeb("v1");
    }

    @Test
    void sdkFollowsAHealthyRolloutAndABadOneThatRollsBack() {
        Service created = ecs.createService(b -> b.cluster("prod").serviceName("web").taskDefinition("web:1")
                .desiredCount(2).launchType(LaunchType.FARGATE)
                .loadBalancers(software.amazon.awssdk.services.ecs.model.LoadBalancer.builder()
                        .targetGroupArn(targetGroup).containerName("web").containerPort(8080).build())
                .deploymentConfiguration(d -> d.minimumHealthyPercent(100).maximumPercent(200)
                        .deploymentCircuitBreaker(cb -> cb.enable(true).rollback(true)))).service();
        assertThat(created.deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.id()).matches("ecs-svc/\\d{19}");
            assertThat(deployment.rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
            assertThat(deployment.pendingCount()).isEqualTo(2);
            assertThat(deployment.createdAt()).isEqualTo(T0);
        });
        assertThat(created.deploymentConfiguration().deploymentCircuitBreaker().rollback()).isTrue();
        String first = created.deployments().getFirst().id();

        clock.set(T0.plusSeconds(7));
        assertThat(targets()).hasSize(2).allSatisfy(target -> {
            assertThat(target.targetHealth().state()).isEqualTo(TargetHealthStateEnum.INITIAL);
            assertThat(target.targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.ELB_REGISTRATION_IN_PROGRESS);
            assertThat(target.targetHealth().description()).isEqualTo("Target registration is in progress");
            assertThat(target.target().port()).isEqualTo(8080);
            assertThat(target.healthCheckPort()).isEqualTo("8080");
        });

        clock.set(T0.plusSeconds(17));
        assertThat(targets()).extracting(target -> target.targetHealth().state())
                .containsOnly(TargetHealthStateEnum.HEALTHY);
        assertThat(targets()).allSatisfy(target -> assertThat(target.targetHealth().reason()).isNull());
        Service steady = web();
        assertThat(steady.runningCount()).isEqualTo(2);
        assertThat(steady.pendingCount()).isZero();
        assertThat(steady.deployments()).singleElement().extracting(Deployment::rolloutState)
                .isEqualTo(DeploymentRolloutState.COMPLETED);
        assertThat(steady.events().getFirst().message()).isEqualTo("(service web) has reached a steady state.");
        assertThat(steady.events().getFirst().createdAt()).isEqualTo(T0.plusSeconds(17));

        scenario.set(":v2", ImageBehaviour.unhealthy());
        registerWeb("v2");
        clock.set(T0.plusSeconds(20));
        // By family:revision, which moto stores as given; the data plane resolves it to the ARN.
        Service updating = ecs.updateService(b -> b.cluster("prod").service("web").taskDefinition("web:2")).service();
        assertThat(updating.deployments()).extracting(Deployment::status, Deployment::taskDefinition).containsExactly(
                tuple("PRIMARY", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:2"),
                tuple("ACTIVE", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1"));

        clock.set(T0.plusSeconds(37));
        assertThat(targets()).extracting(target -> target.targetHealth().state(), target -> target.targetHealth().reason())
                .containsExactly(tuple(TargetHealthStateEnum.HEALTHY, null), tuple(TargetHealthStateEnum.HEALTHY, null),
                        tuple(TargetHealthStateEnum.UNHEALTHY, TargetHealthReasonEnum.TARGET_FAILED_HEALTH_CHECKS),
                        tuple(TargetHealthStateEnum.UNHEALTHY, TargetHealthReasonEnum.TARGET_FAILED_HEALTH_CHECKS));

        clock.set(T0.plusSeconds(40));
        assertThat(targets()).extracting(target -> target.targetHealth().reason()).containsExactly(null, null,
                TargetHealthReasonEnum.TARGET_DEREGISTRATION_IN_PROGRESS,
                TargetHealthReasonEnum.TARGET_DEREGISTRATION_IN_PROGRESS);
        assertThat(web().deployments().getFirst().failedTasks()).isEqualTo(2);

        clock.set(T0.plusSeconds(60));
        Service rollingBack = web();
        assertThat(rollingBack.deployments()).extracting(Deployment::status, Deployment::rolloutState).containsExactly(
                tuple("PRIMARY", DeploymentRolloutState.IN_PROGRESS), tuple("ACTIVE", DeploymentRolloutState.FAILED),
                tuple("ACTIVE", DeploymentRolloutState.COMPLETED));
        assertThat(rollingBack.deployments().get(1).rolloutStateReason())
                .isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        assertThat(rollingBack.deployments().getFirst().rolloutStateReason())
                .isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId " + first + ".");
        assertThat(rollingBack.taskDefinition()).endsWith("task-definition/web:1");
        // The rollback is a new PRIMARY deployment of the last completed revision; the failed one stays ACTIVE.
        assertThat(rollingBack.deployments()).extracting(Deployment::taskDefinition).containsExactly(
                "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1",
                "arn:aws:ecs:us-east-1:123456789012:task-definition/web:2",
                "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1");
        assertThat(rollingBack.deployments().getFirst().id()).isNotEqualTo(first);

        clock.set(T0.plusSeconds(87));
        Service rolledBack = web();
        assertThat(rolledBack.deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
            assertThat(deployment.taskDefinition()).endsWith("web:1");
        });
        assertThat(targets()).hasSize(2);

        List<Task> stopped = ecs.describeTasks(b -> b.cluster("prod").tasks(ecs.listTasks(l -> l.cluster("prod")
                .serviceName("web").desiredStatus(DesiredStatus.STOPPED)).taskArns())).tasks();
        assertThat(stopped).extracting(Task::stoppedReason)
                .contains("Task failed ELB health checks in (target-group " + targetGroup + ")")
                .contains("Scaling activity initiated by (deployment " + rolledBack.deployments().getFirst().id() + ")");
        assertThat(sink.events()).extracting(EcsDeploymentEvent::eventName).containsExactly(
                EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_IN_PROGRESS, EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_COMPLETED,
                EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_IN_PROGRESS, EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_FAILED,
                EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_IN_PROGRESS, EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_COMPLETED);
    }

    @Test
    void listAndDescribeTasksShowTheSimulatedTasks() {
        createWebService(2);
        clock.set(T0.plusSeconds(17));

        List<String> arns = ecs.listTasks(b -> b.cluster("prod").serviceName("web")).taskArns();
        assertThat(arns).hasSize(2)
                .allMatch(arn -> arn.matches("arn:aws:ecs:us-east-1:123456789012:task/prod/[0-9a-f]{32}"));
        assertThat(ecs.listTasks(b -> b.cluster("prod")).taskArns()).containsExactlyInAnyOrderElementsOf(arns);
        assertThat(ecs.listTasks(b -> b.cluster("prod").serviceName("web").desiredStatus(DesiredStatus.STOPPED))
                .taskArns()).isEmpty();

        // One by ARN, one by bare id, as ECS accepts both.
        String byId = arns.get(1).substring(arns.get(1).lastIndexOf('/') + 1);
        List<Task> tasks = ecs.describeTasks(b -> b.cluster("prod").tasks(arns.get(0), byId)).tasks();
        List<String> ips = targets().stream().map(target -> target.target().id()).toList();
        String deployment = web().deployments().getFirst().id();
        assertThat(tasks).hasSize(2).allSatisfy(task -> {
            assertThat(task.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/prod");
            assertThat(task.taskDefinitionArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-definition/web:1");
            assertThat(task.lastStatus()).isEqualTo("RUNNING");
            assertThat(task.desiredStatus()).isEqualTo("RUNNING");
            assertThat(task.healthStatusAsString()).isEqualTo("UNKNOWN");
            assertThat(task.startedBy()).isEqualTo(deployment);
            assertThat(task.group()).isEqualTo("service:web");
            assertThat(task.launchType()).isEqualTo(LaunchType.FARGATE);
            assertThat(task.startedAt()).isEqualTo(T0.plusSeconds(7));
            assertThat(task.containers()).singleElement().satisfies(container -> {
                assertThat(container.name()).isEqualTo("web");
                assertThat(container.image()).isEqualTo(REGISTRY + ":v1");
                assertThat(container.lastStatus()).isEqualTo("RUNNING");
            });
            assertThat(task.attachments()).singleElement().satisfies(eni -> {
                assertThat(eni.type()).isEqualTo("ElasticNetworkInterface");
                assertThat(eni.details()).extracting(KeyValuePair::name).contains("privateIPv4Address");
                assertThat(eni.details()).filteredOn(detail -> detail.name().equals("privateIPv4Address"))
                        .extracting(KeyValuePair::value).singleElement().isIn(ips);
            });
        });
        assertThat(ecs.describeTasks(b -> b.cluster("prod").tasks(arns)).failures()).isEmpty();
    }

    @Test
    void describeTasksShowsTheContainerHealthCheckOfTheTaskDefinition() {
        scenario.set(":v2", ImageBehaviour.containerUnhealthy());
        ecs.registerTaskDefinition(b -> b.family("web").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(REGISTRY + ":v2")
                        .essential(true).memory(512).portMappings(PortMapping.builder().containerPort(8080).build())
                        .healthCheck(software.amazon.awssdk.services.ecs.model.HealthCheck.builder()
                                .command("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1")
                                .interval(5).retries(2).build())
                        .build()));
        createWebService(1);

        clock.set(T0.plusSeconds(16)); // running at 7, checks at 12 and 17
        Task unknown = ecs.describeTasks(b -> b.cluster("prod").tasks(taskArns())).tasks().getFirst();
        assertThat(unknown.healthStatusAsString()).isEqualTo("UNKNOWN");
        assertThat(unknown.containers().getFirst().healthStatusAsString()).isEqualTo("UNKNOWN");

        clock.set(T0.plusSeconds(17));
        Task unhealthy = ecs.describeTasks(b -> b.cluster("prod").tasks(taskArns())).tasks().getFirst();
        assertThat(unhealthy.healthStatusAsString()).isEqualTo("UNHEALTHY");
        assertThat(unhealthy.containers().getFirst().healthStatusAsString()).isEqualTo("UNHEALTHY");
        assertThat(targets()).extracting(target -> target.targetHealth().stateAsString()).containsExactly("healthy");
    }

    @Test
    void whatTheDataPlaneDoesNotSimulatePassesThroughToMoto() {
        createWebService(1);
        clock.set(T0.plusSeconds(17));
        String otherGroup = createTargetGroup("other");
        elb.registerTargets(b -> b.targetGroupArn(otherGroup).targets(t -> t.id("10.9.9.9").port(80)));

        assertThat(elb.describeTargetHealth(b -> b.targetGroupArn(otherGroup)).targetHealthDescriptions())
                .singleElement().satisfies(target -> {
                    assertThat(target.target().id()).isEqualTo("10.9.9.9");
                    assertThat(target.targetHealth().state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
                });
        assertThat(ecs.listTasks(b -> b.cluster("prod").serviceName("nope")).taskArns()).isEmpty();
        assertThat(ecs.describeTasks(b -> b.cluster("prod").tasks("0123456789abcdef0123456789abcdef")).tasks()).isEmpty();
        assertThat(ecs.describeServices(b -> b.cluster("prod").services("nope")).failures())
                .singleElement().satisfies(failure -> assertThat(failure.reason()).isEqualTo("MISSING"));
    }

    @Test
    void describeTargetHealthOfNamedTargetsShowsUnregisteredOnesAsUnused() {
        createWebService(1);
        clock.set(T0.plusSeconds(17));
        String ip = targets().getFirst().target().id();

        List<TargetHealthDescription> described = elb.describeTargetHealth(b -> b.targetGroupArn(targetGroup)
                .targets(t -> t.id(ip).port(8080), t -> t.id("10.0.250.250").port(8080))).targetHealthDescriptions();

        assertThat(described).extracting(target -> target.target().id(), target -> target.targetHealth().state(),
                        target -> target.targetHealth().reason())
                .containsExactly(tuple(ip, TargetHealthStateEnum.HEALTHY, null),
                        tuple("10.0.250.250", TargetHealthStateEnum.UNUSED, TargetHealthReasonEnum.TARGET_NOT_REGISTERED));
    }

    @Test
    void aDeregistrationDelaySetThroughTheElbApiKeepsStoppedTargetsDrainingThatLong() {
        createWebService(1);
        clock.set(T0.plusSeconds(17));
        elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(targetGroup)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("120")));
        registerWeb("v2");

        ecs.updateService(b -> b.cluster("prod").service("web").taskDefinition("web:2"));
        clock.set(T0.plusSeconds(34)); // the replacement healthy, the old target deregistered
        clock.set(T0.plusSeconds(153));
        assertThat(targets()).extracting(target -> target.targetHealth().state())
                .containsExactlyInAnyOrder(TargetHealthStateEnum.HEALTHY, TargetHealthStateEnum.DRAINING);
        assertThat(web().deployments()).hasSize(2);

        clock.set(T0.plusSeconds(154));
        assertThat(targets()).extracting(target -> target.targetHealth().state()).containsExactly(TargetHealthStateEnum.HEALTHY);
        assertThat(web().deployments()).singleElement().extracting(Deployment::rolloutState)
                .isEqualTo(DeploymentRolloutState.COMPLETED);
    }

    @Test
    void aDeregistrationDelayTheLoadBalancerRefusesChangesNothing() {
        createWebService(1);
        clock.set(T0.plusSeconds(17));

        assertThatThrownBy(() -> elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(targetGroup)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("4000"))))
                .isInstanceOf(ElasticLoadBalancingV2Exception.class).hasMessageContaining("0-3600");
        registerWeb("v2");
        ecs.updateService(b -> b.cluster("prod").service("web").taskDefinition("web:2"));
        clock.set(T0.plusSeconds(34));
        clock.set(T0.plusSeconds(44)); // the pace's 10 s, not the refused 4000 s
        assertThat(targets()).extracting(target -> target.targetHealth().state()).containsExactly(TargetHealthStateEnum.HEALTHY);
    }

    @Test
    void scaleOnlyUpdateKeepsTheDeploymentAndDeleteForgetsTheService() {
        createWebService(1);
        clock.set(T0.plusSeconds(17));
        String deployment = web().deployments().getFirst().id();

        Service scaled = ecs.updateService(b -> b.cluster("prod").service("web").desiredCount(3)).service();
        assertThat(scaled.deployments()).singleElement().satisfies(only -> {
            assertThat(only.id()).isEqualTo(deployment);
            assertThat(only.desiredCount()).isEqualTo(3);
            assertThat(only.pendingCount()).isEqualTo(2);
        });
        clock.set(T0.plusSeconds(34));
        assertThat(targets()).hasSize(3);

        ecs.updateService(b -> b.cluster("prod").service("web").desiredCount(0));
        ecs.deleteService(b -> b.cluster("prod").service("web"));

        assertThat(plane.service(new ServiceKey("arn:aws:ecs:us-east-1:123456789012:cluster/prod", "web"))).isEmpty();
        // moto answers again for the target group: nothing registered there.
        assertThat(targets()).isEmpty();
    }

    @Test
    void gatewaySeesTheSigningNamesOfTheSdkCalls() {
        createWebService(1);
        targets();

        assertThat(gateway.callCounts()).containsKeys("ecs.CreateService", "ecs.CreateCluster",
                "elasticloadbalancing.DescribeTargetHealth", "elasticloadbalancing.CreateTargetGroup");
        assertThat(RequestClassifier.service(Map.of("authorization", List.of("AWS4-HMAC-SHA256 Credential=AKID/20260101/"
                + "us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc")), "/", "")).isEqualTo("ecs");
        assertThat(RequestClassifier.service(Map.of("authorization", List.of("Bearer token")), "/", "")).isEmpty();
    }

    @Test
    void putEventsSinkDeliversDeploymentEventsToEventBridgeRules() throws Exception {
        plane = new EcsDataPlane(clock, scenario, DataPlaneTimings.defaults(),
                new PutEventsSink(toMoto, "us-east-1", "123456789012"));
        use(new EcsDataPlaneInterceptor(plane));
        try (SqsClient sqs = SandboxClients.client(SqsClient.builder(), gateway.endpoint(), "us-east-1");
             EventBridgeClient events = SandboxClients.client(EventBridgeClient.builder(), gateway.endpoint(), "us-east-1")) {
            String queueUrl = sqs.createQueue(b -> b.queueName("deployments")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            events.putRule(b -> b.name("ecs-deployments")
                    .eventPattern("{\"source\":[\"aws.ecs\"],\"detail-type\":[\"ECS Deployment State Change\"]}"));
            events.putTargets(b -> b.rule("ecs-deployments").targets(t -> t.id("queue").arn(queueArn)));

            createWebService(1);
            clock.set(T0.plusSeconds(17));
            web();

            List<JsonNode> delivered = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (delivered.size() < 2 && System.nanoTime() < deadline) {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages()) {
                    delivered.add(Json.mapper().readTree(message.body()));
                }
            }
            assertThat(delivered).hasSize(2);
            String serviceArn = "arn:aws:ecs:us-east-1:123456789012:service/prod/web";
            assertThat(delivered).allSatisfy(event -> {
                assertThat(event.path("source").asText()).isEqualTo("aws.ecs");
                assertThat(event.path("detail-type").asText()).isEqualTo("ECS Deployment State Change");
                // moto's SQS delivery leaves "account" out, and writes PutEvents' Time as ISO-8601 "time".
                assertThat(event.path("time").asText()).startsWith("2026-01-01T00:00:");
                assertThat(event.path("region").asText()).isEqualTo("us-east-1");
                assertThat(event.path("resources").get(0).asText()).isEqualTo(serviceArn);
                assertThat(event.path("detail").path("deploymentId").asText())
                        .isEqualTo(web().deployments().getFirst().id());
            });
            assertThat(delivered).extracting(event -> event.path("detail").path("eventName").asText())
                    .containsExactlyInAnyOrder("SERVICE_DEPLOYMENT_IN_PROGRESS", "SERVICE_DEPLOYMENT_COMPLETED");
            assertThat(delivered).filteredOn(event -> event.path("detail").path("eventName").asText()
                            .equals("SERVICE_DEPLOYMENT_COMPLETED"))
                    .singleElement().satisfies(event -> {
                        assertThat(event.path("detail").path("eventType").asText()).isEqualTo("INFO");
                        assertThat(event.path("detail").path("updatedAt").asText()).isEqualTo("2026-01-01T00:00:17Z");
                    });
        }
    }

    private void createWebService(int desired) {
        ecs.createService(b -> b.cluster("prod").serviceName("web").taskDefinition("web").desiredCount(desired)
                .launchType(LaunchType.FARGATE)
                .loadBalancers(software.amazon.awssdk.services.ecs.model.LoadBalancer.builder()
                        .targetGroupArn(targetGroup).containerName("web").containerPort(8080).build()));
    }

    private List<String> taskArns() {
        return ecs.listTasks(b -> b.cluster("prod").serviceName("web")).taskArns();
    }

    private Service web() {
        return ecs.describeServices(b -> b.cluster("prod").services("web")).services().getFirst();
    }

    private List<TargetHealthDescription> targets() {
        return elb.describeTargetHealth(b -> b.targetGroupArn(targetGroup)).targetHealthDescriptions();
    }

    private String createTargetGroup(String name) {
        return elb.createTargetGroup(b -> b.name(name).protocol(ProtocolEnum.HTTP).port(8080).vpcId(vpc)
                .targetType(TargetTypeEnum.IP)).targetGroups().getFirst().targetGroupArn();
    }

    private void registerWeb(String tag) {
        ecs.registerTaskDefinition(b -> b.family("web").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(REGISTRY + ":" + tag)
                        .essential(true).memory(512).portMappings(PortMapping.builder().containerPort(8080).build())
                        .build()));
    }

    /** Routes the gateway's calls through {@code interceptor}, then to moto, for every service. */
    private static void use(EcsDataPlaneInterceptor interceptor) {
        gateway.route(new Gateway.Routes(List.of(interceptor), toMoto, toMoto));
    }
}
