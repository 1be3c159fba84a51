package dev.berth.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.demo.DemoService;
import dev.berth.sandbox.ecs.ImageBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The simulated ECS data plane as a user of the sandbox sees it: only through the AWS SDK, against
 * the sandbox's one endpoint (moto behind it). Each scenario rolls a real service to an image whose
 * behaviour the scenario decides, and watches DescribeServices and DescribeTargetHealth.
 */
class DataPlaneScenariosTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static LocalBerth berth;
    private static EcsClient ecs;
    private static ElasticLoadBalancingV2Client elb;

    @BeforeAll
    static void sandbox() {
        berth = SharedLocalBerth.get();
        ecs = berth.clients().ecs();
        elb = berth.clients().elb();
    }

    private static DemoService service() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return berth.world().create("dp-" + suffix, "web", "123456789012.dkr.ecr.us-east-1.amazonaws.com/dp/web", "1.0.0", 2, WITHIN);
    }

    /** Registers a revision running {@code image} in the web container and points the service at it. */
    private static String rollTo(DemoService service, String image) {
        TaskDefinition current = ecs.describeTaskDefinition(r -> r.taskDefinition(service.initialTaskDefinitionArn())).taskDefinition();
        List<ContainerDefinition> containers = current.containerDefinitions().stream()
                .map(c -> c.name().equals("web") ? c.toBuilder().image(image).build() : c).toList();
        String arn = ecs.registerTaskDefinition(r -> r.family(current.family()).networkMode(current.networkMode())
                .requiresCompatibilities(current.requiresCompatibilities()).cpu(current.cpu()).memory(current.memory())
                .containerDefinitions(containers)).taskDefinition().taskDefinitionArn();
        ecs.updateService(r -> r.cluster(service.cluster()).service(service.service()).taskDefinition(arn));
        return arn;
    }

    private static Service describe(DemoService service) {
        return ecs.describeServices(r -> r.cluster(service.cluster()).services(service.service())).services().getFirst();
    }

    private static List<TargetHealthDescription> targets(DemoService service) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(service.targetGroupArn())).targetHealthDescriptions();
    }

    /** Polls until the service satisfies {@code done}, collecting every target state seen on the way. */
    private static Set<String> watchUntil(DemoService service, Predicate<Service> done) {
        Set<String> seen = new LinkedHashSet<>();
        Instant deadline = Instant.now().plus(WITHIN);
        while (true) {
            targets(service).forEach(t -> seen.add(t.targetHealth().stateAsString()));
            if (done.test(describe(service))) {
                return seen;
            }
            assertThat(Instant.now()).as("service %s still %s", service.cluster(), describe(service).deployments()).isBefore(deadline);
            sleep(Duration.ofMillis(20));
        }
    }

    private static Deployment primary(Service service) {
        return service.deployments().stream().filter(d -> d.status().equals("PRIMARY")).findFirst().orElseThrow();
    }

    @Test
    void aHealthyRolloutCompletesAndTheOldTasksDrain() {
        DemoService service = service();
        String arn = rollTo(service, "123456789012.dkr.ecr.us-east-1.amazonaws.com/dp/web:healthy-" + service.cluster());

        Set<String> seen = watchUntil(service, s -> s.deployments().size() == 1 && primary(s).rolloutStateAsString().equals("COMPLETED"));

        assertThat(seen).contains("initial", "healthy", "draining");
        Service done = describe(service);
        assertThat(primary(done).taskDefinition()).isEqualTo(arn);
        assertThat(done.runningCount()).isEqualTo(2);
        assertThat(targets(service)).hasSize(2).allSatisfy(t -> assertThat(t.targetHealth().stateAsString()).isEqualTo("healthy"));
        assertThat(ecs.listTasks(r -> r.cluster(service.cluster()).serviceName("web")).taskArns()).hasSize(2);
    }

    @Test
    void anUnhealthyImageFailsItsHealthChecksAndTheCircuitBreakerFailsTheDeployment() {
        DemoService service = service();
        String image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/dp/web:unhealthy-" + service.cluster();
        berth.scenario().set(image, ImageBehaviour.unhealthy());
        rollTo(service, image);

        Set<String> seen = watchUntil(service, s -> primary(s).rolloutStateAsString().equals("FAILED"));

        assertThat(seen).contains("unhealthy");
        Deployment failed = primary(describe(service));
        assertThat(failed.failedTasks()).isGreaterThanOrEqualTo(3);
        assertThat(failed.rolloutStateReason()).contains("circuit breaker");
        // The old revision kept serving all along (minimum healthy 100%).
        assertThat(describe(service).deployments()).anySatisfy(d -> assertThat(d.runningCount()).isEqualTo(2));
    }

    @Test
    void aSlowImageBecomesHealthyLate() {
        DemoService service = service();
        String image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/dp/web:slow-" + service.cluster();
        berth.scenario().set(image, ImageBehaviour.slowStart(Duration.ofSeconds(60)));
        Instant started = Instant.now();
        rollTo(service, image);

        Set<String> seen = watchUntil(service, s -> s.deployments().size() == 1 && primary(s).rolloutStateAsString().equals("COMPLETED"));

        // 60 s of sandbox time at 20x is 3 s: a healthy image completes in about one.
        assertThat(Duration.between(started, Instant.now())).isGreaterThan(Duration.ofSeconds(3));
        assertThat(seen).contains("initial", "healthy");
        assertThat(primary(describe(service)).failedTasks()).isZero();
    }

    @Test
    void anImageThatCrashesOnStartNeverRegistersAndFails() {
        DemoService service = service();
        String image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/dp/web:crash-" + service.cluster();
        berth.scenario().set(image, ImageBehaviour.crashOnStart());
        String arn = rollTo(service, image);

        watchUntil(service, s -> primary(s).rolloutStateAsString().equals("FAILED"));

        var stopped = ecs.listTasks(r -> r.cluster(service.cluster()).serviceName("web").desiredStatus("STOPPED")).taskArns();
        assertThat(stopped).isNotEmpty();
        assertThat(ecs.describeTasks(r -> r.cluster(service.cluster()).tasks(stopped)).tasks())
                .filteredOn(t -> t.taskDefinitionArn().equals(arn))
                .allSatisfy(t -> assertThat(t.stoppedReason()).contains("Essential container"));
    }

    @Test
    void deploymentStateChangesReachEventBridge() {
        SqsClient sqs = berth.clients().configure(SqsClient.builder(), "SQS").build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String queueUrl = sqs.createQueue(r -> r.queueName("ecs-events-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        var events = berth.clients().eventBridge();
        events.putRule(r -> r.name("ecs-deployments-" + suffix)
                .eventPattern("{\"source\": [\"aws.ecs\"], \"detail-type\": [\"ECS Deployment State Change\"]}"));
        events.putTargets(r -> r.rule("ecs-deployments-" + suffix).targets(t -> t.id("queue").arn(queueArn)));
        DemoService service = service();
        rollTo(service, "123456789012.dkr.ecr.us-east-1.amazonaws.com/dp/web:evented-" + service.cluster());
        watchUntil(service, s -> s.deployments().size() == 1 && primary(s).rolloutStateAsString().equals("COMPLETED"));

        Set<String> names = new LinkedHashSet<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!names.contains("SERVICE_DEPLOYMENT_COMPLETED") && Instant.now().isBefore(deadline)) {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                if (m.body().contains(service.cluster())) {
                    names.add(m.body().replaceAll("(?s).*\"eventName\"\\s*:\\s*\"([A-Z_]+)\".*", "$1"));
                }
            }
        }
        assertThat(names).contains("SERVICE_DEPLOYMENT_IN_PROGRESS", "SERVICE_DEPLOYMENT_COMPLETED");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
