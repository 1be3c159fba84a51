package dev.berth.sandbox.ecs;

import static dev.berth.sandbox.ecs.EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_COMPLETED;
import static dev.berth.sandbox.ecs.EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_FAILED;
import static dev.berth.sandbox.ecs.EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_IN_PROGRESS;
import static dev.berth.sandbox.ecs.PlaneFixture.TG;
import static dev.berth.sandbox.ecs.PlaneFixture.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Releases that go bad on purpose. With default timings a task launched at t runs at t+7; a healthy
 * target passes at t+17, an unhealthy one fails at t+17 and ECS stops it at t+20; draining takes 10 s.
 * Service "web" has 2 tasks, so the circuit breaker trips at 3 failed tasks.
 */
class EcsDataPlaneFailureTest {

    private final PlaneFixture f = new PlaneFixture();

    @Test
    void unhealthyImageFailsHealthChecksAndTheBreakerRollsBack() {
        f.scenario.set(":v2", ImageBehaviour.unhealthy());
        ServiceKey web = f.createWeb();
        f.at(17);
        String good = f.view(web).primary().id();

        f.at(20);
        String bad = f.plane.updateService(web, ServiceUpdate.deploy(web(2))).orElseThrow().primary().id();

        f.at(27);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY, TargetState.INITIAL,
                TargetState.INITIAL);

        f.at(37);
        assertThat(f.targets()).extracting(TargetView::state).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY,
                TargetState.UNHEALTHY, TargetState.UNHEALTHY);
        assertThat(f.targetStates().get(2).reason()).contains("Target.FailedHealthChecks");
        assertThat(f.view(web).primary().failedTasks()).isZero();
        assertThat(f.view(web).events().getFirst().message()).matches(
                "\\(service web\\) \\(task [0-9a-f]{32}\\) \\(port 8080\\) is unhealthy in \\(target-group "
                        + Pattern.quote(TG) + "\\) due to \\(reason Health checks failed\\)\\.");

        f.at(40);
        ServiceView replacing = f.view(web);
        assertThat(replacing.primary().failedTasks()).isEqualTo(2);
        assertThat(replacing.primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(replacing.primary().pendingCount()).isEqualTo(2);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY, TargetState.DRAINING,
                TargetState.DRAINING);
        assertThat(f.plane.tasks(web)).filteredOn(task -> task.lastStatus() == TaskStatus.DEACTIVATING)
                .hasSize(2).allSatisfy(task -> {
                    assertThat(task.stoppedReason()).contains("Task failed ELB health checks in (target-group " + TG + ")");
                    assertThat(task.stopCode()).contains("ServiceSchedulerInitiated");
                });

        f.at(57);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY, TargetState.UNHEALTHY,
                TargetState.UNHEALTHY);

        f.at(60);
        ServiceView rolledBack = f.view(web);
        assertThat(rolledBack.deployments()).extracting(DeploymentView::status, DeploymentView::rolloutState)
                .containsExactly(tuple(DeploymentStatus.PRIMARY, RolloutState.IN_PROGRESS),
                        tuple(DeploymentStatus.ACTIVE, RolloutState.FAILED),
                        tuple(DeploymentStatus.ACTIVE, RolloutState.COMPLETED));
        DeploymentView failed = rolledBack.deployments().get(1);
        assertThat(failed.id()).isEqualTo(bad);
        assertThat(failed.failedTasks()).isEqualTo(4);
        assertThat(failed.rolloutStateReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        DeploymentView rollback = rolledBack.primary();
        assertThat(rollback.taskDefinitionArn()).endsWith("task-definition/web:1");
        assertThat(rollback.rolloutStateReason())
                .isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId " + good + ".");
        assertThat(rolledBack.taskDefinitionArn()).endsWith("web:1");
        assertThat(rolledBack.events()).extracting(ServiceEventView::message).contains(
                "(service web) (deployment " + bad + ") deployment failed: tasks failed to start.",
                "(service web) rolling back to deployment " + good + ".");

        f.at(87);
        ServiceView done = f.view(web);
        assertThat(done.deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.id()).isEqualTo(rollback.id());
            assertThat(deployment.rolloutState()).isEqualTo(RolloutState.COMPLETED);
        });
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY);
        assertThat(f.sink.events()).extracting(EcsDeploymentEvent::eventName, EcsDeploymentEvent::deploymentId)
                .containsExactly(
                        tuple(SERVICE_DEPLOYMENT_IN_PROGRESS, good),
                        tuple(SERVICE_DEPLOYMENT_COMPLETED, good),
                        tuple(SERVICE_DEPLOYMENT_IN_PROGRESS, bad),
                        tuple(SERVICE_DEPLOYMENT_FAILED, bad),
                        tuple(SERVICE_DEPLOYMENT_IN_PROGRESS, rollback.id()),
                        tuple(SERVICE_DEPLOYMENT_COMPLETED, rollback.id()));
        EcsDeploymentEvent failure = f.sink.events().get(3);
        assertThat(failure.eventType()).isEqualTo("ERROR");
        assertThat(failure.time()).isEqualTo(f.time(60));
        assertThat(failure.reason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        assertThat(f.sink.events().get(4).reason()).contains("rolling back to deploymentId " + good);
    }

    @Test
    void breakerWithoutRollbackLeavesTheFailedDeploymentPrimaryAndStopsLaunching() {
        f.scenario.set(":v2", ImageBehaviour.unhealthy());
        ServiceKey web = f.create("web", 2, web(1), RolloutSettings.defaults().withCircuitBreaker(true, false),
                List.of(new LoadBalancerBinding(TG, "web", 8080)));
        f.at(17);
        f.at(20);
        f.plane.updateService(web, ServiceUpdate.deploy(web(2)));

        f.at(60);
        assertThat(f.view(web).primary().rolloutState()).isEqualTo(RolloutState.FAILED);
        f.at(600);

        ServiceView stuck = f.view(web);
        assertThat(stuck.deployments()).extracting(DeploymentView::status, DeploymentView::rolloutState,
                        DeploymentView::runningCount, DeploymentView::pendingCount)
                .containsExactly(tuple(DeploymentStatus.PRIMARY, RolloutState.FAILED, 0, 0),
                        tuple(DeploymentStatus.ACTIVE, RolloutState.COMPLETED, 2, 0));
        assertThat(stuck.primary().failedTasks()).isEqualTo(4);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY);
        assertThat(f.eventNames()).containsExactly(SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_COMPLETED,
                SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_FAILED);
    }

    @Test
    void withoutTheBreakerUnhealthyTasksAreReplacedForever() {
        f.scenario.set(":v2", ImageBehaviour.unhealthy());
        ServiceKey web = f.create("web", 2, web(1), RolloutSettings.defaults(),
                List.of(new LoadBalancerBinding(TG, "web", 8080)));
        f.at(17);
        f.at(20);
        f.plane.updateService(web, ServiceUpdate.deploy(web(2)));

        f.at(300);

        ServiceView view = f.view(web);
        // One replacement cycle is 20 s (7 to start, 10 to fail the checks, 3 for ECS to react), 2 tasks each.
        assertThat(view.primary().failedTasks()).isEqualTo(28);
        assertThat(view.primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(view.deployments().get(1).runningCount()).isEqualTo(2);
        assertThat(f.eventNames()).containsExactly(SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_COMPLETED,
                SERVICE_DEPLOYMENT_IN_PROGRESS);
    }

    @Test
    void twoHoursOfReplacementsInOneJumpKeepAboutAnHourOfStoppedTasks() {
        f.scenario.set(":v2", ImageBehaviour.unhealthy());
        ServiceKey web = f.create("web", 2, web(1), RolloutSettings.defaults(),
                List.of(new LoadBalancerBinding(TG, "web", 8080)));
        f.at(20);
        f.plane.updateService(web, ServiceUpdate.deploy(web(2)));

        f.at(7220);

        // Failures at 40, 60, ... 7220: 360 cycles of 2. Stopped (10 s after failing) and kept if that was
        // within the last hour: the cycles failing at 3620 ... 7200, 180 of them; plus 2 old tasks, the 2
        // draining since 7220 and their 2 replacements.
        assertThat(f.view(web).primary().failedTasks()).isEqualTo(720);
        assertThat(f.plane.tasks(web)).hasSize(366);
    }

    @Test
    void fixingTheImageMidRolloutLetsReplacementsPass() {
        f.scenario.set(":v2", ImageBehaviour.unhealthy());
        ServiceKey web = f.create("web", 2, web(1), RolloutSettings.defaults(),
                List.of(new LoadBalancerBinding(TG, "web", 8080)));
        f.at(17);
        f.at(20);
        f.plane.updateService(web, ServiceUpdate.deploy(web(2)));
        f.at(39);

        // Behaviour is decided when a task launches: the replacements started at 40 are healthy.
        f.scenario.remove(":v2");
        f.at(67);

        assertThat(f.view(web).deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.taskDefinitionArn()).endsWith("web:2");
            assertThat(deployment.rolloutState()).isEqualTo(RolloutState.COMPLETED);
            assertThat(deployment.failedTasks()).isEqualTo(2);
        });
    }

    @Test
    void slowImagePassesLate() {
        f.scenario.set(":v2", ImageBehaviour.slowStart(Duration.ofSeconds(60)));
        ServiceKey web = f.createWeb();
        f.at(17);
        f.at(20);
        f.plane.updateService(web, ServiceUpdate.deploy(web(2)));

        f.at(96);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY, TargetState.INITIAL,
                TargetState.INITIAL);
        assertThat(f.view(web).primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(f.view(web).primary().failedTasks()).isZero();

        f.at(97);
        assertThat(f.targetStates()).containsExactly(TargetState.DRAINING, TargetState.DRAINING, TargetState.HEALTHY,
                TargetState.HEALTHY);

        f.at(107);
        assertThat(f.view(web).deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.taskDefinitionArn()).endsWith("web:2");
            assertThat(deployment.rolloutState()).isEqualTo(RolloutState.COMPLETED);
        });
        assertThat(f.eventNames()).containsExactly(SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_COMPLETED,
                SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_COMPLETED);
    }

    @Test
    void crashingImageFailsThroughTheBreakerAndRollsBack() {
        f.scenario.set("sha256:deadbeef", ImageBehaviour.crashOnStart());
        ServiceKey web = f.createWeb();
        f.at(17);
        f.at(20);
        TaskDefinitionInfo crashing = PlaneFixture.taskDefinition("web", 2,
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:deadbeef");
        String bad = f.plane.updateService(web, ServiceUpdate.deploy(crashing)).orElseThrow().primary().id();

        f.at(27);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY);
        assertThat(f.plane.tasks(web)).filteredOn(task -> task.deploymentId().equals(bad))
                .filteredOn(task -> task.lastStatus() == TaskStatus.STOPPED).hasSize(2).allSatisfy(task -> {
                    assertThat(task.stoppedReason()).contains("Essential container in task exited");
                    assertThat(task.stopCode()).contains("EssentialContainerExited");
                    assertThat(task.startedAt()).contains(f.time(27));
                    assertThat(task.stoppedAt()).contains(f.time(27));
                    assertThat(task.containers()).singleElement().satisfies(container -> {
                        assertThat(container.lastStatus()).isEqualTo("STOPPED");
                        assertThat(container.exitCode()).contains(1);
                    });
                });
        assertThat(f.view(web).primary().failedTasks()).isEqualTo(2);

        f.at(34);
        ServiceView view = f.view(web);
        // Crashed tasks have nothing to drain, so the failed deployment is INACTIVE (gone) at once.
        assertThat(view.deployments()).extracting(DeploymentView::id).doesNotContain(bad).hasSize(2);
        assertThat(view.primary().taskDefinitionArn()).endsWith("web:1");
        assertThat(view.primary().rolloutStateReason()).startsWith("ECS deployment circuit breaker: rolling back");
        assertThat(f.sink.events()).filteredOn(event -> event.deploymentId().equals(bad))
                .extracting(EcsDeploymentEvent::eventName)
                .containsExactly(SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_FAILED);

        f.at(61);
        assertThat(f.view(web).deployments()).singleElement()
                .satisfies(deployment -> assertThat(deployment.rolloutState()).isEqualTo(RolloutState.COMPLETED));
        assertThat(f.eventNames()).containsExactly(SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_COMPLETED,
                SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_FAILED, SERVICE_DEPLOYMENT_IN_PROGRESS,
                SERVICE_DEPLOYMENT_COMPLETED);
    }

    @Test
    void firstDeploymentHasNothingToRollBackTo() {
        f.scenario.set("worker:v1", ImageBehaviour.unhealthy());
        TaskDefinitionInfo checked = PlaneFixture.checkedTaskDefinition("worker", 1, "worker:v1", PlaneFixture.fastCheck());
        ServiceKey worker = f.create("worker", 1, checked, PlaneFixture.BREAKER_WITH_ROLLBACK, List.of());

        f.at(7);
        assertThat(f.plane.tasks(worker)).singleElement()
                .satisfies(task -> assertThat(task.healthStatus()).isEqualTo("UNKNOWN"));
        f.at(17);
        assertThat(f.plane.tasks(worker)).singleElement()
                .satisfies(task -> assertThat(task.healthStatus()).isEqualTo("UNHEALTHY"));
        f.at(20);
        assertThat(f.plane.tasks(worker)).first().satisfies(task -> {
            assertThat(task.lastStatus()).isEqualTo(TaskStatus.STOPPED);
            assertThat(task.stoppedReason()).contains("Task failed container health checks");
        });

        f.at(60);
        assertThat(f.view(worker).deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.status()).isEqualTo(DeploymentStatus.PRIMARY);
            assertThat(deployment.rolloutState()).isEqualTo(RolloutState.FAILED);
            assertThat(deployment.failedTasks()).isEqualTo(3);
        });
        assertThat(f.eventNames()).containsExactly(SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_FAILED);
    }

    @Test
    void unhealthyImageThatNothingChecksLooksHealthy() {
        f.scenario.set("worker", ImageBehaviour.unhealthy());
        ServiceKey worker = f.create("worker", 1, PlaneFixture.taskDefinition("worker", 1, "worker:v1"),
                PlaneFixture.BREAKER_WITH_ROLLBACK, List.of());

        f.at(7);

        assertThat(f.view(worker).primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
    }

    @Test
    void breakerThresholdIsHalfTheDesiredCountBetweenThreeAndTwoHundred() {
        assertThat(RolloutSettings.failureThreshold(1)).isEqualTo(3);
        assertThat(RolloutSettings.failureThreshold(6)).isEqualTo(3);
        assertThat(RolloutSettings.failureThreshold(7)).isEqualTo(4);
        assertThat(RolloutSettings.failureThreshold(10)).isEqualTo(5);
        assertThat(RolloutSettings.failureThreshold(1000)).isEqualTo(200);
    }
}
