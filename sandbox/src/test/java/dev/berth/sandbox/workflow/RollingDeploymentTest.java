package dev.berth.sandbox.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.handlers.TargetDocument;
import dev.berth.json.Json;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.demo.DemoService;
import dev.berth.sandbox.demo.ImagePusher.PushedImage;
import dev.berth.sandbox.ecs.ImageBehaviour;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * A push deploys, end to end: ECR's PutImage, its event through the sandbox's EventBridge, the real
 * ECR trigger handler, the real state machine executed by moto's Step Functions, the real step
 * handlers, the simulated ECS data plane deciding health, and the history in DynamoDB Local.
 * Everything is observed through the AWS SDK, as a user would. Only the odd events ECR does not send
 * are handed to EcrPushFunction directly.
 */
class RollingDeploymentTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static LocalBerth berth;

    @BeforeAll
    static void startSandbox() {
        berth = SharedLocalBerth.get();
    }

    /** A fresh service following its own repository, so tests never see each other's deployments. */
    private record Setup(DemoService service, String repository) {}

    private static Setup service(String tagPolicyKind, String expression, long deadlineSeconds) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String repository = "shop/web-" + suffix;
        String repositoryUri = berth.pusher().repositoryUri(repository);
        berth.pusher().createRepository(repository);
        DemoService service = berth.world().create("c-" + suffix, "web", repositoryUri, "1.0.0", 2, WITHIN);
        berth.targets().put(new TargetDocument(repositoryUri, new TargetDocument.TagPolicyDocument(tagPolicyKind, expression),
                service.cluster(), service.service(), List.of("web"),
                new TargetDocument.StrategyDocument("rolling", deadlineSeconds, 1L)).toTarget());
        return new Setup(service, repository);
    }

    /** The deployment the push of {@code image} started on the setup's service, once final. */
    private static Deployment pushAndWait(Setup setup, PushedImage image) {
        return berth.watcher().awaitFinal(setup.service().cluster(), setup.service().service(), image.digest(), WITHIN, entry -> {});
    }

    /** Hands EcrPushFunction an event directly (an odd one ECR would not send) and returns its answer. */
    private static JsonNode invokeEcrPushFunction(String event) {
        try (LambdaClient lambda = berth.clients().configure(LambdaClient.builder(), "LAMBDA").build()) {
            InvokeResponse response = lambda.invoke(r -> r.functionName("EcrPushFunction").payload(SdkBytes.fromUtf8String(event)));
            assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
            return Json.mapper().readTree(response.payload().asUtf8String());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An "ECR Image Action" event with whatever fields the case needs (null leaves a field out). */
    private static String ecrEvent(String repository, String tag, String digest, String action, String result) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "ECR Image Action")
                .put("source", "aws.ecr").put("account", berth.sandbox().accountId()).put("time", Instant.now().toString())
                .put("region", berth.sandbox().region());
        event.putArray("resources");
        ObjectNode detail = event.putObject("detail");
        detail.put("result", result).put("repository-name", repository).put("action-type", action);
        if (digest != null) {
            detail.put("image-digest", digest);
        }
        if (tag != null) {
            detail.put("image-tag", tag);
        }
        return event.toString();
    }

    private static TaskDefinition serving(DemoService service) {
        String arn = berth.clients().ecs().describeServices(r -> r.cluster(service.cluster()).services(service.service()))
                .services().getFirst().taskDefinition();
        return berth.clients().ecs().describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition();
    }

    /**
     * The service runs what was serving before the deployment: the initial revision, which names its image
     * by tag ({@code :1.0.0}), pinned to the digest its tasks were running.
     */
    private static void rolledBackToWhatWasServing(Setup setup, Deployment deployment) {
        assertThat(deployment.previousTaskDefinitionArn()).contains(setup.service().initialTaskDefinitionArn());
        TaskDefinition now = serving(setup.service());
        assertThat(now.taskDefinitionArn()).isEqualTo(deployment.rollbackTaskDefinitionArn().orElseThrow());
        assertThat(imageOf(now, "web")).startsWith(setup.service().repositoryUri() + "@sha256:");
    }

    private static String imageOf(TaskDefinition definition, String container) {
        return definition.containerDefinitions().stream().filter(c -> c.name().equals(container))
                .map(ContainerDefinition::image).findFirst().orElseThrow();
    }

    private static List<ExecutionListItem> executions() {
        return berth.clients().sfn().listExecutions(r -> r.stateMachineArn(berth.sandbox().stateMachineArn("DeploymentStateMachine")))
                .executions();
    }

    @Test
    void aHealthyPushSucceedsAndTheServiceRunsTheNewDigest() {
        Setup setup = service("semver", ">=1.0.0", 60);
        PushedImage image = berth.pusher().push(setup.repository(), "1.1.0");

        Deployment deployment = pushAndWait(setup, image);

        assertThat(deployment.status()).as(deployment.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        TaskDefinition now = serving(setup.service());
        assertThat(now.taskDefinitionArn()).isEqualTo(deployment.newTaskDefinitionArn().orElseThrow());
        assertThat(imageOf(now, "web")).isEqualTo(image.repositoryUri() + "@" + image.digest());
        assertThat(imageOf(now, "log-router")).isEqualTo("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable");
        assertThat(deployment.previousTaskDefinitionArn()).contains(setup.service().initialTaskDefinitionArn());
        assertThat(deployment.digest()).contains(image.digest());
        assertThat(deployment.timeline()).extracting(TimelineEntry::step)
                .startsWith("Triggered", "Pre-flight", "Pre-flight", "Pre-flight", "Prepared revisions", "Roll the service out to the new revision")
                .contains("Rollout health").endsWith("SUCCEEDED");
        assertThat(berth.clients().ecs().describeServices(r -> r.cluster(setup.service().cluster()).services("web"))
                .services().getFirst().deployments()).singleElement()
                .satisfies(d -> assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED"));
    }

    @Test
    void anUnhealthyPushRollsBackToTheDefinitionThatWasServing() {
        Setup setup = service("semver", ">=1.0.0", 60);
        PushedImage bad = berth.pusher().push(setup.repository(), "1.2.0", digest -> berth.scenario().set(digest, ImageBehaviour.unhealthy()));

        Deployment deployment = pushAndWait(setup, bad);

        assertThat(deployment.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        // Whichever Berth sees first: a target failing its health checks, or ECS's circuit breaker
        // giving up on tasks replaced for failing them.
        assertThat(deployment.reason()).hasValueSatisfying(r -> assertThat(r).containsAnyOf("unhealthy", "circuit breaker"));
        rolledBackToWhatWasServing(setup, deployment);
        assertThat(deployment.timeline()).extracting(TimelineEntry::step)
                .contains("Roll the service back to the previous revision", "Rollback health").endsWith("ROLLED_BACK");
    }

    @Test
    void aPushThatIsNotHealthyByTheDeadlineRollsBack() {
        Setup setup = service("exact", "latest", 30);
        PushedImage slow = berth.pusher().push(setup.repository(), "latest",
                digest -> berth.scenario().set(digest, ImageBehaviour.slowStart(Duration.ofHours(2))));

        Deployment deployment = pushAndWait(setup, slow);

        assertThat(deployment.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        // The demo's container health check has no start period: ECS may stop the slow app for failing it before the
        // deadline comes, as it would in AWS. Either way the revision never served, and it is rolled back.
        assertThat(deployment.reason()).hasValueSatisfying(r -> assertThat(r)
                .containsAnyOf("not healthy within", "Task failed container health checks"));
        rolledBackToWhatWasServing(setup, deployment);
    }

    @Test
    void aRollbackAfterAnEarlierFailedDeploymentGoesBackToTheLastGoodDefinition() {
        Setup setup = service("glob", "1.*", 60);
        PushedImage good = berth.pusher().push(setup.repository(), "1.1.0");
        Deployment first = pushAndWait(setup, good);
        assertThat(first.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        PushedImage bad = berth.pusher().push(setup.repository(), "1.2.0", digest -> berth.scenario().set(digest, ImageBehaviour.crashOnStart()));
        Deployment second = pushAndWait(setup, bad);
        assertThat(second.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        PushedImage worse = berth.pusher().push(setup.repository(), "1.3.0", digest -> berth.scenario().set(digest, ImageBehaviour.unhealthy()));

        Deployment third = pushAndWait(setup, worse);

        // Revision - 1 would be the failed 1.2.0 revision; the one serving is 1.1.0's.
        String lastGood = first.newTaskDefinitionArn().orElseThrow();
        assertThat(third.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(third.previousTaskDefinitionArn()).contains(lastGood);
        assertThat(serving(setup.service()).taskDefinitionArn()).isEqualTo(lastGood);
        assertThat(imageOf(serving(setup.service()), "web")).isEqualTo(good.repositoryUri() + "@" + good.digest());
    }

    @Test
    void aStepThatFailsEndsInARecordedFailureAndLeavesTheServiceAsItWas() {
        Setup setup = service("semver", ">=1.0.0", 60);
        // The target names a container the task definition does not have: registering must fail.
        berth.targets().put(new TargetDocument(berth.pusher().repositoryUri(setup.repository()),
                new TargetDocument.TagPolicyDocument("semver", ">=1.0.0"), setup.service().cluster(), "web", List.of("api"),
                new TargetDocument.StrategyDocument("rolling", 60L, 1L)).toTarget());
        PushedImage image = berth.pusher().push(setup.repository(), "1.1.0");

        Deployment deployment = pushAndWait(setup, image);

        assertThat(deployment.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(deployment.reason()).hasValueSatisfying(r -> assertThat(r).contains("no container named 'api'"));
        assertThat(deployment.newTaskDefinitionArn()).isEmpty();
        assertThat(serving(setup.service()).taskDefinitionArn()).isEqualTo(setup.service().initialTaskDefinitionArn());
    }

    @Test
    void ignoredEventsStartNothingAndSayWhy() {
        Setup setup = service("semver", "^1.0.0", 60);
        int before = executions().size();
        String digest = "sha256:" + "b".repeat(64);

        assertThat(invokeEcrPushFunction(ecrEvent(setup.repository(), "1.5.0", null, "PUSH", "FAILURE")).path("reason").asText())
                .contains("did not succeed");
        assertThat(invokeEcrPushFunction(ecrEvent(setup.repository(), "1.5.0", digest, "DELETE", "SUCCESS")).path("reason").asText())
                .contains("DELETE");
        assertThat(invokeEcrPushFunction(ecrEvent(setup.repository(), null, digest, "PUSH", "SUCCESS")).path("reason").asText())
                .contains("no tag");
        assertThat(invokeEcrPushFunction(ecrEvent(setup.repository(), "2.0.0", digest, "PUSH", "SUCCESS")).path("reason").asText())
                .contains("no target follows");
        assertThat(invokeEcrPushFunction(ecrEvent("shop/nobody-follows-this", "1.0.0", digest, "PUSH", "SUCCESS")).path("status")
                .asText()).isEqualTo("ignored");
        assertThat(invokeEcrPushFunction("{\"detail-type\": \"ECR Image Action\"}").path("status").asText()).isEqualTo("rejected");

        assertThat(executions()).hasSize(before);
        assertThat(berth.history().forService(setup.service().cluster(), "web", 10)).isEmpty();
    }

    @Test
    void anEventDeliveredTwiceStartsOneDeployment() throws Exception {
        Setup setup = service("semver", ">=1.0.0", 60);
        long invocations = berth.sandbox().lambdaEndpoint().invocationCount("EcrPushFunction");
        setEventBridge("{\"duplicateDeliveryRatio\": 1}"); // EventBridge delivers at least once: here, always twice
        PushedImage image;
        try {
            image = berth.pusher().push(setup.repository(), "1.1.0");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (berth.sandbox().lambdaEndpoint().invocationCount("EcrPushFunction") < invocations + 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(20); // bounded wait for the second delivery
            }
        } finally {
            setEventBridge("{\"duplicateDeliveryRatio\": 0}");
        }

        assertThat(berth.sandbox().lambdaEndpoint().invocationCount("EcrPushFunction")).isEqualTo(invocations + 2);
        Deployment deployment = pushAndWait(setup, image);
        assertThat(deployment.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(executions()).filteredOn(e -> e.name().equals(deployment.id())).hasSize(1);
        assertThat(berth.history().forService(setup.service().cluster(), "web", 10)).hasSize(1);
    }

    private static void setEventBridge(String settings) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        berth.sandbox().endpoint().resolve("/_berth/eventbridge")).PUT(HttpRequest.BodyPublishers.ofString(settings)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void onePushMatchingTwoServicesDeploysBoth() {
        Setup setup = service("semver", ">=1.0.0", 60);
        String repositoryUri = berth.pusher().repositoryUri(setup.repository());
        DemoService other = berth.world().create(setup.service().cluster() + "-b", "web", repositoryUri, "1.0.0", 1, WITHIN);
        berth.targets().put(new TargetDocument(repositoryUri, new TargetDocument.TagPolicyDocument("regex", "1\\.[0-9]+\\.[0-9]+"),
                other.cluster(), other.service(), List.of(), new TargetDocument.StrategyDocument("rolling", 60L, 1L)).toTarget());
        PushedImage image = berth.pusher().push(setup.repository(), "1.4.0");

        for (DemoService each : List.of(setup.service(), other)) {
            Deployment d = berth.watcher().awaitFinal(each.cluster(), each.service(), image.digest(), WITHIN, e -> {});
            assertThat(d.status()).as(d.serviceKey() + ": " + d.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        }
        assertThat(imageOf(serving(setup.service()), "web")).endsWith(image.digest());
        assertThat(imageOf(serving(other), "web")).endsWith(image.digest());
    }
}
