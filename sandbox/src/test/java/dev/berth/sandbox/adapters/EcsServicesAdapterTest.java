package dev.berth.sandbox.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import dev.berth.adapters.EcsServicesAdapter;
import dev.berth.domain.health.EcsDeploymentView;
import dev.berth.domain.image.ImageReference;
import dev.berth.domain.taskdef.TaskDefinitionCopy;
import dev.berth.ports.AwsCallException;
import dev.berth.ports.ServiceState;
import dev.berth.ports.TaskDefinitionDocument;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.demo.DemoService;
import dev.berth.sandbox.ecs.ImageBehaviour;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/** {@link EcsServicesAdapter} against the sandbox's ECS (moto plus the simulated data plane), over HTTP with the real SDK. */
class EcsServicesAdapterTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static LocalBerth berth;
    private static EcsClient ecs;
    private static EcsServicesAdapter adapter;
    /** A service nobody changes: the read-only tests look at it. */
    private static DemoService steady;

    @BeforeAll
    static void createService() {
        berth = SharedLocalBerth.get();
        ecs = berth.clients().ecs();
        adapter = new EcsServicesAdapter(ecs);
        steady = newService(2);
    }

    /** A fresh cluster and service; the service's name is also its task definition family and its app container's name. */
    private static DemoService newService(int desiredCount) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String repositoryUri = berth.pusher().repositoryUri("adapters/api-" + suffix);
        return berth.world().create("ecs-" + suffix, "api-" + suffix, repositoryUri, "1.0.0", desiredCount, WITHIN);
    }

    private static String randomDigest() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "sha256:" + HexFormat.of().formatHex(bytes);
    }

    private static DescribeTaskDefinitionResponse describe(String arn) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(arn).include(TaskDefinitionField.TAGS));
    }

    private static int latestRevision(String family) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition().revision();
    }

    @Test
    void describeServiceReturnsTheServiceItsTaskDefinitionDeploymentsAndTargetGroups() {
        ServiceState state = adapter.describeService(steady.cluster(), steady.service());

        Service sdk = ecs.describeServices(r -> r.cluster(steady.cluster()).services(steady.service())).services().getFirst();
        assertThat(state.serviceArn()).isEqualTo(sdk.serviceArn()).endsWith("/" + steady.service());
        assertThat(state.clusterArn()).isEqualTo(sdk.clusterArn()).endsWith(":cluster/" + steady.cluster());
        assertThat(state.serviceName()).isEqualTo(steady.service());
        assertThat(state.taskDefinitionArn()).isEqualTo(steady.initialTaskDefinitionArn());
        assertThat(state.desiredCount()).isEqualTo(2);
        assertThat(state.targetGroupArns()).containsExactly(steady.targetGroupArn());
        assertThat(state.deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(sdk.deployments().getFirst().id()).isNotBlank();
            assertThat(d.status()).isEqualTo("PRIMARY");
            assertThat(d.taskDefinitionArn()).isEqualTo(steady.initialTaskDefinitionArn());
            assertThat(d.rolloutState()).contains("COMPLETED");
            assertThat(d.rolloutStateReason()).isPresent();
            assertThat(List.of(d.desiredCount(), d.runningCount(), d.pendingCount(), d.failedTasks())).containsExactly(2, 2, 0, 0);
        });
        assertThat(state.servingTaskDefinitionArn()).isEqualTo(steady.initialTaskDefinitionArn());
    }

    @Test
    void describeTaskDefinitionReturnsTheWholeDefinitionAsAMapAndItsTags() {
        TaskDefinitionDocument document = adapter.describeTaskDefinition(steady.initialTaskDefinitionArn());

        Map<String, Object> definition = document.definition();
        assertThat(document.arn()).isEqualTo(steady.initialTaskDefinitionArn());
        assertThat(document.tags()).containsExactly(Map.entry("team", "shop"));
        assertThat(definition).containsEntry("family", steady.service()).containsEntry("revision", 1)
                .containsEntry("networkMode", "awsvpc").containsEntry("cpu", "256").containsEntry("memory", "512")
                .containsEntry("executionRoleArn", "arn:aws:iam::123456789012:role/" + steady.service() + "-execution")
                .containsEntry("requiresCompatibilities", List.of("FARGATE"))
                .containsEntry("runtimePlatform", Map.of("operatingSystemFamily", "LINUX", "cpuArchitecture", "X86_64"))
                .containsEntry("volumes", List.of(Map.of("name", "scratch")));
        assertThat(definition.get("containerDefinitions")).asInstanceOf(LIST)
                .hasSize(2);
        Map<String, Object> app = container(definition, steady.service());
        assertThat(app).containsEntry("image", steady.repositoryUri() + ":1.0.0").containsEntry("essential", true)
                .containsEntry("secrets", List.of(Map.of("name", "DB_PASSWORD",
                        "valueFrom", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf")))
                .containsEntry("environment", List.of(Map.of("name", "SPRING_PROFILES_ACTIVE", "value", "prod")))
                .containsEntry("dependsOn", List.of(Map.of("containerName", "log-router", "condition", "START")))
                .containsEntry("mountPoints", List.of(Map.of("sourceVolume", "scratch", "containerPath", "/tmp/scratch")))
                .containsEntry("logConfiguration", Map.of("logDriver", "awsfirelens"));
        assertThat(app.get("healthCheck")).isEqualTo(Map.of(
                "command", List.of("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"), "interval", 10, "retries", 3, "startPeriod", 90));
        assertThat(app.get("portMappings")).asInstanceOf(LIST)
                .singleElement().satisfies(p -> assertThat(((Map<?, ?>) p).get("containerPort")).isEqualTo(8080));
        assertThat(container(definition, "log-router"))
                .containsEntry("image", "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")
                .containsEntry("firelensConfiguration", Map.of("type", "fluentbit"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> definition, String name) {
        return ((List<Map<String, Object>>) definition.get("containerDefinitions")).stream()
                .filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }

    @Test
    void registeringADerivedCopyChangesOnlyTheChosenContainersImageAndKeepsTheTags() {
        TaskDefinitionDocument original = adapter.describeTaskDefinition(steady.initialTaskDefinitionArn());
        ImageReference image = ImageReference.parse(steady.repositoryUri() + ":1.1.0@" + randomDigest());
        int latest = latestRevision(steady.service());

        String registered = adapter.registerTaskDefinition(
                TaskDefinitionCopy.derive(original.definition(), List.of(steady.service()), image), original.tags());

        assertThat(registered).endsWith(":task-definition/" + steady.service() + ":" + (latest + 1));
        DescribeTaskDefinitionResponse before = describe(steady.initialTaskDefinitionArn());
        DescribeTaskDefinitionResponse after = describe(registered);
        assertThat(after.tags()).containsExactlyInAnyOrderElementsOf(before.tags()).isNotEmpty();
        TaskDefinition was = before.taskDefinition();
        TaskDefinition now = after.taskDefinition();
        assertThat(now.revision()).isEqualTo(latest + 1);
        for (SdkField<?> field : TaskDefinition.builder().sdkFields()) {
            String name = field.locationName();
            if (TaskDefinitionCopy.READ_ONLY_FIELDS.contains(name) || name.equals("containerDefinitions")) {
                continue;
            }
            assertThat(field.getValueOrDefault(now)).as("field %s", name).isEqualTo(field.getValueOrDefault(was));
        }
        assertThat(now.containerDefinitions()).extracting(ContainerDefinition::name)
                .containsExactlyElementsOf(was.containerDefinitions().stream().map(ContainerDefinition::name).toList());
        for (int i = 0; i < was.containerDefinitions().size(); i++) {
            ContainerDefinition old = was.containerDefinitions().get(i);
            ContainerDefinition copy = now.containerDefinitions().get(i);
            if (old.name().equals(steady.service())) {
                assertThat(copy.image()).isEqualTo(steady.repositoryUri() + "@" + image.digest().orElseThrow());
                assertThat(copy.toBuilder().image(old.image()).build()).as("container %s besides its image", old.name())
                        .isEqualTo(old);
            } else {
                assertThat(copy).as("container %s", old.name()).isEqualTo(old);
            }
        }
    }

    @Test
    void updateServicePointsTheServiceAtTheNewRevisionAndTheServingOneStaysTheLastCompleted() {
        DemoService service = newService(1);
        TaskDefinitionDocument original = adapter.describeTaskDefinition(service.initialTaskDefinitionArn());
        // A new revision whose tasks take hours to become healthy: its rollout stays IN_PROGRESS while we look.
        ImageReference slow = ImageReference.parse(service.repositoryUri() + ":slow@" + randomDigest());
        berth.scenario().set(slow.digest().orElseThrow(), ImageBehaviour.slowStart(Duration.ofHours(2)));
        String next = adapter.registerTaskDefinition(
                TaskDefinitionCopy.derive(original.definition(), List.of(), slow), original.tags());

        adapter.updateService(service.cluster(), service.service(), next);

        assertThat(ecs.describeServices(r -> r.cluster(service.cluster()).services(service.service()))
                .services().getFirst().taskDefinition()).isEqualTo(next);
        ServiceState state = adapter.describeService(service.cluster(), service.service());
        assertThat(state.taskDefinitionArn()).isEqualTo(next);
        assertThat(state.deployments()).extracting(EcsDeploymentView::status, EcsDeploymentView::taskDefinitionArn,
                        d -> d.rolloutState().orElse(""))
                .containsExactly(
                        tuple("PRIMARY", next, "IN_PROGRESS"),
                        tuple("ACTIVE", service.initialTaskDefinitionArn(), "COMPLETED"));
        assertThat(state.servingTaskDefinitionArn()).isEqualTo(service.initialTaskDefinitionArn());
    }

    @Test
    void aMissingServiceIsAnAwsCallExceptionNamingItAndItsCluster() {
        String missing = "missing-" + UUID.randomUUID().toString().substring(0, 8);

        assertThatThrownBy(() -> adapter.describeService(steady.cluster(), missing))
                .isInstanceOf(AwsCallException.class)
                .hasMessageContaining(missing).hasMessageContaining(steady.cluster());
        assertThatThrownBy(() -> adapter.updateService(steady.cluster(), missing, steady.initialTaskDefinitionArn()))
                .isInstanceOf(AwsCallException.class)
                .hasMessageContaining(missing).hasMessageContaining("ServiceNotFoundException");
    }

    @Test
    void aMissingClusterIsAnAwsCallExceptionNamingIt() {
        String missing = "missing-" + UUID.randomUUID().toString().substring(0, 8);

        assertThatThrownBy(() -> adapter.describeService(missing, steady.service()))
                .isInstanceOf(AwsCallException.class)
                .hasMessageContaining(missing).hasMessageContaining("ClusterNotFoundException");
    }

    @Test
    void aMissingTaskDefinitionIsAnAwsCallExceptionNamingIt() {
        String missing = "arn:aws:ecs:us-east-1:123456789012:task-definition/missing-"
                + UUID.randomUUID().toString().substring(0, 8) + ":1";

        assertThatThrownBy(() -> adapter.describeTaskDefinition(missing))
                .isInstanceOf(AwsCallException.class)
                .hasMessageContaining(missing);
    }
}
