package dev.berth.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.demo.DemoService;
import dev.berth.sandbox.demo.ImagePusher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Image behaviours as a sandbox user sets them, over {@code /_berth/images}, seen through the AWS SDK only,
 * in the sandbox at the demo's pace (20x): a tag set before the push applies to tasks that run the pushed
 * digest, and running tasks told to fail stay visibly unhealthy for seconds before ECS replaces them.
 */
class ImageBehavioursOverHttpTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static LocalBerth berth;
    private static EcsClient ecs;
    private static ElasticLoadBalancingV2Client elb;
    private static HttpClient http;

    @BeforeAll
    static void sandbox() {
        berth = SharedLocalBerth.get();
        ecs = berth.clients().ecs();
        elb = berth.clients().elb();
        http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    }

    @AfterAll
    static void closeHttp() {
        http.close();
    }

    @Test
    void aBehaviourSetOnATagBeforeThePushAppliesToTheTasksRunningItsDigest() throws Exception {
        String repository = "http-" + UUID.randomUUID().toString().substring(0, 8) + "/web";
        assertThat(call("PUT", "/_berth/images/" + repository + ":2.0.0", "{\"behaviour\": \"unhealthy\"}").statusCode())
                .isEqualTo(200);
        ImagePusher pusher = berth.pusher();
        pusher.createRepository(repository);
        DemoService service = berth.world().create(repository.substring(0, repository.indexOf('/')), "web",
                pusher.repositoryUri(repository), "1.0.0", 2, WITHIN);

        ImagePusher.PushedImage bad = pusher.push(repository, "2.0.0");
        String revision = rollTo(service, bad.repositoryUri() + "@" + bad.digest());

        Instant deadline = Instant.now().plus(WITHIN);
        List<Task> badTasks;
        do {
            Thread.sleep(200);
            badTasks = tasks(service).stream().filter(task -> task.taskDefinitionArn().equals(revision)).toList();
        } while (badTasks.stream().noneMatch(ImageBehavioursOverHttpTest::failedItsChecks) && Instant.now().isBefore(deadline));
        // The ALB's checks (every 5s) may fail it before its container check (every 10s, 3 retries) does.
        assertThat(badTasks).isNotEmpty().anyMatch(ImageBehavioursOverHttpTest::failedItsChecks);
        assertThat(badTasks).allSatisfy(task -> assertThat(task.containers())
                .filteredOn(container -> container.name().equals("web"))
                .singleElement().satisfies(container -> assertThat(container.imageDigest()).isEqualTo(bad.digest())));
        assertThat(call("DELETE", "/_berth/images/" + repository + ":2.0.0", null).statusCode()).isEqualTo(200);
    }

    /** UNHEALTHY by its container check, or stopped by ECS for failing the load balancer's. */
    private static boolean failedItsChecks(Task task) {
        return task.healthStatusAsString().equals("UNHEALTHY")
                || (task.stoppedReason() != null && task.stoppedReason().startsWith("Task failed"));
    }

    @Test
    void runningTasksToldToFailStayVisiblyUnhealthyThenEcsReplacesThem() throws Exception {
        String cluster = "run-" + UUID.randomUUID().toString().substring(0, 8);
        String repository = cluster + "/web";
        DemoService service = berth.world().create(cluster, "web", berth.pusher().repositoryUri(repository), "1.0.0", 2, WITHIN);
        List<String> before = taskArns(service);

        HttpResponse<String> applied = call("PUT", "/_berth/images/" + repository + ":1.0.0",
                "{\"behaviour\": \"unhealthy\", \"applyToRunning\": true}");
        assertThat(applied.body()).contains("\"runningTasksChanged\" : 2");
        // Only the running tasks fail: the ones ECS starts to replace them will be fine.
        assertThat(call("DELETE", "/_berth/images/" + repository + ":1.0.0", null).statusCode()).isEqualTo(200);

        int pollsSeeingUnhealthy = 0;
        Instant deadline = Instant.now().plus(WITHIN);
        while (Instant.now().isBefore(deadline)) {
            List<String> states = elb.describeTargetHealth(b -> b.targetGroupArn(service.targetGroupArn()))
                    .targetHealthDescriptions().stream().map(target -> target.targetHealth().stateAsString()).toList();
            pollsSeeingUnhealthy += states.contains("unhealthy") ? 1 : 0;
            if (pollsSeeingUnhealthy > 0 && states.equals(List.of("healthy", "healthy"))) {
                break;
            }
            Thread.sleep(1000); // an observer polling every real second
        }

        assertThat(pollsSeeingUnhealthy).isGreaterThanOrEqualTo(2);
        List<String> after = taskArns(service);
        assertThat(after).hasSize(2).doesNotContainAnyElementsOf(before);
        assertThat(ecs.describeTasks(b -> b.cluster(cluster).tasks(before)).tasks()).allSatisfy(task ->
                assertThat(task.stoppedReason()).startsWith("Task failed ELB health checks"));
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(berth.sandbox().endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
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

    private static List<String> taskArns(DemoService service) {
        return ecs.listTasks(b -> b.cluster(service.cluster()).serviceName(service.service())).taskArns();
    }

    /** Running and stopped ones: a task that failed its checks may be stopped by ECS between two polls. */
    private static List<Task> tasks(DemoService service) {
        List<String> arns = new java.util.ArrayList<>(taskArns(service));
        arns.addAll(ecs.listTasks(b -> b.cluster(service.cluster()).serviceName(service.service())
                .desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.STOPPED)).taskArns());
        return arns.isEmpty() ? List.of() : ecs.describeTasks(b -> b.cluster(service.cluster()).tasks(arns)).tasks();
    }
}
