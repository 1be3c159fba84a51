package dev.berth.sandbox.ecs;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * Images built for another platform than the task's fail their tasks as on Fargate, through the real
 * SDK against the gateway, a real moto and the sandbox's layer store (where the images' configs are).
 */
class EcsDataPlanePlatformTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    static Path logs;
    static Gateway gateway;
    static MotoServer moto;
    static HttpForwarder toMoto;
    static EcsClient ecs;
    static ImagePusher pusher;

    final ManualClock clock = new ManualClock(T0);

    @BeforeAll
    static void startMoto() throws Exception {
        gateway = Gateway.start(0, Optional.empty());
        moto = MotoServer.start(gateway.port(), logs.resolve("moto.log"), Duration.ofSeconds(60));
        toMoto = new HttpForwarder("moto", moto.endpoint(), Duration.ofSeconds(30));
        ecs = SandboxClients.at(gateway.endpoint(), "us-east-1").ecs();
        pusher = new ImagePusher(SandboxClients.at(gateway.endpoint(), "us-east-1"), "123456789012", "us-east-1");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        toMoto.close();
        moto.close();
    }

    @BeforeEach
    void freshEmulatorAndDataPlane() {
        moto.reset();
        EcsDataPlane plane = new EcsDataPlane(clock, new Scenario(), DataPlaneTimings.defaults(), new InMemoryEventSink());
        gateway.route(new Gateway.Routes(List.of(new EcsDataPlaneInterceptor(plane), new EcrLayersInterceptor(new LayerStore())),
                toMoto, toMoto));
        ecs.createCluster(b -> b.clusterName("prod"));
    }

    @Test
    void anArm64ImageOnAnX86FargateServiceExitsAtOnceAndTheRolloutFails() {
        ImagePusher.PushedImage arm = pusher.push("shop/web", "1.0.0", "linux/arm64", digest -> {});
        createService(register(arm.repositoryUri() + ":1.0.0", Optional.empty()));
        clock.set(T0.plusSeconds(300));

        assertThat(stoppedTasks()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(task -> {
            assertThat(task.stopCode()).isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
            assertThat(task.stoppedReason()).isEqualTo("Essential container in task exited");
            assertThat(task.startedAt()).isNotNull();
            assertThat(task.containers().getFirst().exitCode()).isEqualTo(1);
        });
        assertThat(primary().rolloutState()).isEqualTo(DeploymentRolloutState.FAILED);
        assertThat(primary().runningCount()).isZero();
    }

    @Test
    void anIndexWithoutTheTasksPlatformFailsThePullBeforeTheTaskRuns() {
        ImagePusher.PushedImage arm = pusher.pushMultiArch("shop/web", "1.0.0", List.of("linux/arm64", "linux/arm/v7"));
        createService(register(arm.repositoryUri() + "@" + arm.digest(), Optional.empty()));
        clock.set(T0.plusSeconds(300));

        assertThat(stoppedTasks()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(task -> {
            assertThat(task.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
            assertThat(task.stoppedReason()).startsWith("CannotPullContainerError: ")
                    .endsWith("no match for platform in manifest: not found");
            assertThat(task.startedAt()).isNull();
            assertThat(task.containers().getFirst().exitCode()).isNull();
        });
        assertThat(primary().rolloutState()).isEqualTo(DeploymentRolloutState.FAILED);
    }

    @Test
    void aMultiArchImageThatIncludesAmd64Runs() {
        ImagePusher.PushedImage both = pusher.pushMultiArch("shop/web", "1.0.0", List.of("linux/arm64", "linux/amd64"));
        createService(register(both.repositoryUri() + ":1.0.0", Optional.empty()));
        clock.set(T0.plusSeconds(60));

        assertThat(stoppedTasks()).isEmpty();
        assertThat(primary().runningCount()).isEqualTo(2);
        assertThat(primary().rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
    }

    @Test
    void theTaskDefinitionsRuntimePlatformDecides() {
        ImagePusher.PushedImage arm = pusher.push("shop/web", "1.0.0", "linux/arm64", digest -> {});
        createService(register(arm.repositoryUri() + ":1.0.0", Optional.of(CPUArchitecture.ARM64)));
        clock.set(T0.plusSeconds(60));

        assertThat(stoppedTasks()).isEmpty();
        assertThat(primary().runningCount()).isEqualTo(2);
    }

    private String register(String image, Optional<CPUArchitecture> architecture) {
        return ecs.registerTaskDefinition(b -> {
            b.family("web").networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE).cpu("256")
                    .memory("512").containerDefinitions(ContainerDefinition.builder().name("app").image(image).essential(true).build());
            architecture.ifPresent(arch -> b.runtimePlatform(p -> p.cpuArchitecture(arch).operatingSystemFamily(OSFamily.LINUX)));
        }).taskDefinition().taskDefinitionArn();
    }

    private void createService(String taskDefinition) {
        ecs.createService(b -> b.cluster("prod").serviceName("web").taskDefinition(taskDefinition).desiredCount(2)
                .launchType(LaunchType.FARGATE)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(cb -> cb.enable(true).rollback(true))));
    }

    private Deployment primary() {
        return ecs.describeServices(b -> b.cluster("prod").services("web")).services().getFirst().deployments().stream()
                .filter(deployment -> deployment.status().equals("PRIMARY")).findFirst().orElseThrow();
    }

    private List<Task> stoppedTasks() {
        List<String> arns = ecs.listTasks(b -> b.cluster("prod").serviceName("web").desiredStatus(DesiredStatus.STOPPED))
                .taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(b -> b.cluster("prod").tasks(arns)).tasks();
    }
}
