package dev.berth.sandbox.ecs;

import static dev.berth.sandbox.ecs.EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_FAILED;
import static dev.berth.sandbox.ecs.PlaneFixture.TG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Container health checks, run as the task definition says, next to (not instead of) the ALB's. With
 * default timings a task launched at t runs at t+7; {@link PlaneFixture#fastCheck()} checks every 5 s from
 * then and gives up after 2 failures; ECS acts on a new task's failure 3 s after it.
 */
class EcsDataPlaneContainerHealthTest {

    private final PlaneFixture f = new PlaneFixture();

    @Test
    void targetPassesButContainerCheckFailsSoEcsStopsTheTaskAndTheBreakerRollsBack() {
        f.scenario.set(":v2", ImageBehaviour.containerUnhealthy());
        ServiceKey web = f.create("web", 2, checkedWeb(1), PlaneFixture.BREAKER_WITH_ROLLBACK,
                List.of(new LoadBalancerBinding(TG, "web", 8080)));
        f.at(17);
        assertThat(f.view(web).primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);

        f.at(20);
        String bad = f.plane.updateService(web, ServiceUpdate.deploy(checkedWeb(2))).orElseThrow().primary().id();

        f.at(37); // running at 27: targets healthy after 2 ALB checks, containers unhealthy after 2 failures
        List<TaskView> newTasks = tasksOf(web, bad);
        assertThat(newTasks).hasSize(2).allSatisfy(task -> {
            assertThat(task.healthStatus()).isEqualTo("UNHEALTHY");
            assertThat(task.containers()).singleElement()
                    .satisfies(container -> assertThat(container.healthStatus()).isEqualTo("UNHEALTHY"));
        });
        assertThat(f.targetStates()).containsOnly(TargetState.HEALTHY);
        assertThat(messages(web)).contains("(service web) (task " + newTasks.getFirst().taskId()
                + ") failed container health checks.");
        assertThat(f.view(web).primary().failedTasks()).isZero();

        f.at(40); // ECS stops both and launches two more
        assertThat(tasksOf(web, bad)).filteredOn(task -> task.desiredStatus().equals("STOPPED"))
                .extracting(TaskView::taskArn).containsExactlyInAnyOrderElementsOf(
                        newTasks.stream().map(TaskView::taskArn).toList());
        assertThat(tasksOf(web, bad)).filteredOn(task -> task.desiredStatus().equals("STOPPED")).allSatisfy(task -> {
            assertThat(task.stoppedReason()).contains("Task failed container health checks");
            assertThat(task.stopCode()).contains("ServiceSchedulerInitiated");
        });
        assertThat(f.view(web).primary().failedTasks()).isEqualTo(2);

        f.at(120);
        assertThat(f.sink.events()).filteredOn(event -> event.deploymentId().equals(bad))
                .extracting(EcsDeploymentEvent::eventName).contains(SERVICE_DEPLOYMENT_FAILED);
        assertThat(f.view(web).primary().taskDefinitionArn()).endsWith("web:1");
        assertThat(f.view(web).deployments()).extracting(DeploymentView::id).doesNotContain(bad);
        assertThat(f.plane.tasks(web)).filteredOn(task -> task.deploymentId().equals(bad))
                .allSatisfy(task -> assertThat(task.containers().getFirst().exitCode()).contains(143));
    }

    static Stream<Arguments> readyWorkers() {
        return Stream.of(
                Arguments.of("a passing check: ready at the first pass", ImageBehaviour.healthy(),
                        Optional.of(PlaneFixture.fastCheck()), 12, "HEALTHY"),
                Arguments.of("no check: ready once RUNNING, whatever the app does",
                        ImageBehaviour.containerUnhealthy(), Optional.empty(), 7, "UNKNOWN"),
                Arguments.of("a slow app whose start period covers its start",
                        ImageBehaviour.slowStart(Duration.ofSeconds(20)), Optional.of(check(5, 2, 30)), 27, "HEALTHY"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readyWorkers")
    void workerWithoutLoadBalancerCompletesWhenItsTaskIsReady(String why, ImageBehaviour behaviour,
                                                              Optional<ContainerHealthCheck> check, long readyAt,
                                                              String health) {
        f.scenario.set("worker", behaviour);
        ServiceKey worker = f.create("worker", 1, worker(check), PlaneFixture.BREAKER_WITH_ROLLBACK, List.of());

        f.at(readyAt - 1);
        assertThat(f.view(worker).primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        f.at(readyAt);
        assertThat(f.view(worker).primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(f.plane.tasks(worker)).singleElement()
                .satisfies(task -> assertThat(task.healthStatus()).isEqualTo(health));
    }

    static Stream<Arguments> failingWorkers() {
        return Stream.of(
                Arguments.of("ECS's default check: 3 failures 30 s apart", ImageBehaviour.containerUnhealthy(),
                        ContainerHealthCheck.defaults(), 97),
                Arguments.of("a slow app without a start period", ImageBehaviour.slowStart(Duration.ofSeconds(20)),
                        check(5, 2, 0), 17));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingWorkers")
    void workerWhoseContainerCheckFailsIsStoppedForIt(String why, ImageBehaviour behaviour, ContainerHealthCheck check,
                                                      long unhealthyAt) {
        f.scenario.set("worker", behaviour);
        ServiceKey worker = f.create("worker", 1, worker(Optional.of(check)), PlaneFixture.BREAKER_WITH_ROLLBACK, List.of());

        f.at(unhealthyAt - 1);
        assertThat(f.plane.tasks(worker)).singleElement()
                .satisfies(task -> assertThat(task.healthStatus()).isEqualTo("UNKNOWN"));
        f.at(unhealthyAt);
        assertThat(f.plane.tasks(worker)).singleElement()
                .satisfies(task -> assertThat(task.healthStatus()).isEqualTo("UNHEALTHY"));
        f.at(unhealthyAt + 3);
        assertThat(f.plane.tasks(worker)).first().satisfies(task -> {
            assertThat(task.lastStatus()).isEqualTo(TaskStatus.STOPPED);
            assertThat(task.stoppedReason()).contains("Task failed container health checks");
        });
        assertThat(f.view(worker).primary().failedTasks()).isEqualTo(1);
        assertThat(f.view(worker).primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
    }

    @Test
    void aNonEssentialContainerFailingItsCheckDoesNotMakeTheTaskUnhealthy() {
        f.scenario.set("sidecar", ImageBehaviour.containerUnhealthy());
        TaskDefinitionInfo definition = new TaskDefinitionInfo(
                "arn:aws:ecs:us-east-1:123456789012:task-definition/worker:1", List.of(
                new TaskDefinitionInfo.ContainerInfo("worker", "worker:v1", true, Optional.of(PlaneFixture.fastCheck())),
                new TaskDefinitionInfo.ContainerInfo("sidecar", "sidecar:v1", false, Optional.of(PlaneFixture.fastCheck()))));
        ServiceKey worker = f.create("worker", 1, definition, PlaneFixture.BREAKER_WITH_ROLLBACK, List.of());

        f.at(60);

        assertThat(f.plane.tasks(worker)).singleElement().satisfies(task -> {
            assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(task.healthStatus()).isEqualTo("HEALTHY");
            assertThat(task.containers()).extracting(TaskView.ContainerView::healthStatus)
                    .containsExactly("HEALTHY", "UNHEALTHY");
        });
        assertThat(f.view(worker).primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
    }

    private List<TaskView> tasksOf(ServiceKey service, String deploymentId) {
        return f.plane.tasks(service).stream().filter(task -> task.deploymentId().equals(deploymentId)).toList();
    }

    private List<String> messages(ServiceKey service) {
        return f.view(service).events().stream().map(ServiceEventView::message).toList();
    }

    private static TaskDefinitionInfo checkedWeb(int revision) {
        return PlaneFixture.checkedTaskDefinition("web", revision,
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v" + revision, PlaneFixture.fastCheck());
    }

    private static TaskDefinitionInfo worker(Optional<ContainerHealthCheck> check) {
        return new TaskDefinitionInfo("arn:aws:ecs:us-east-1:123456789012:task-definition/worker:1",
                List.of(new TaskDefinitionInfo.ContainerInfo("worker", "worker:v1", true, check)));
    }

    private static ContainerHealthCheck check(int intervalSeconds, int retries, int startPeriodSeconds) {
        return new ContainerHealthCheck(Duration.ofSeconds(intervalSeconds), Duration.ofSeconds(5), retries,
                Duration.ofSeconds(startPeriodSeconds));
    }
}
