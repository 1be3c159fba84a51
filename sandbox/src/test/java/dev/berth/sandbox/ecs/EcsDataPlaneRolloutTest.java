package dev.berth.sandbox.ecs;

import static dev.berth.sandbox.ecs.EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_COMPLETED;
import static dev.berth.sandbox.ecs.EcsDeploymentEvent.Name.SERVICE_DEPLOYMENT_IN_PROGRESS;
import static dev.berth.sandbox.ecs.PlaneFixture.TG;
import static dev.berth.sandbox.ecs.PlaneFixture.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rolling updates that go well: timings 2 s provisioning, 5 s start, 2 checks of 5 s, 10 s draining. */
class EcsDataPlaneRolloutTest {

    private final PlaneFixture f = new PlaneFixture();

    @Test
    void firstDeploymentStartsTasksThatRegisterAndTurnHealthy() {
        ServiceKey web = f.createWeb();

        ServiceView created = f.view(web);
        assertThat(created.deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.id()).matches("ecs-svc/[1-9][0-9]{18}");
            assertThat(deployment.status()).isEqualTo(DeploymentStatus.PRIMARY);
            assertThat(deployment.rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
            assertThat(deployment.rolloutStateReason()).isEqualTo("ECS deployment " + deployment.id() + " in progress.");
            assertThat(deployment.pendingCount()).isEqualTo(2);
        });
        assertThat(f.plane.tasks(web)).extracting(TaskView::lastStatus).containsOnly(TaskStatus.PROVISIONING);
        assertThat(f.targets()).isEmpty();

        f.at(2);
        assertThat(f.plane.tasks(web)).extracting(TaskView::lastStatus).containsOnly(TaskStatus.PENDING);

        f.at(7);
        assertThat(f.view(web).runningCount()).isEqualTo(2);
        assertThat(f.targetStates()).containsExactly(TargetState.INITIAL, TargetState.INITIAL);
        assertThat(f.targets()).allSatisfy(target -> {
            assertThat(target.id()).matches("10\\.0\\.\\d+\\.\\d+");
            assertThat(target.port()).isEqualTo(8080);
        });
        assertThat(f.targets()).extracting(TargetView::id).doesNotHaveDuplicates();
        assertThat(f.plane.tasks(web)).allSatisfy(task -> {
            assertThat(task.startedAt()).contains(f.time(7));
            assertThat(task.startedBy()).isEqualTo(created.primary().id());
            assertThat(task.group()).isEqualTo("service:web");
        });

        f.at(16);
        assertThat(f.targetStates()).containsOnly(TargetState.INITIAL);
        assertThat(f.view(web).primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);

        f.at(17);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY);
        ServiceView done = f.view(web);
        assertThat(done.primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(done.primary().rolloutStateReason()).isEqualTo("ECS deployment " + done.primary().id() + " completed.");
        assertThat(done.events().getFirst().message()).isEqualTo("(service web) has reached a steady state.");
        assertThat(f.eventNames()).containsExactly(SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_COMPLETED);
    }

    @Test
    void healthyRolloutReplacesOldTasksAfterTheNewOnesAreHealthyAndDrainsThem() {
        ServiceKey web = f.createWeb();
        f.at(17);
        String first = f.view(web).primary().id();
        Set<String> oldIps = ips(f.targets());

        f.at(30);
        ServiceView rolling = f.plane.updateService(web, ServiceUpdate.deploy(web(2))).orElseThrow();
        String second = rolling.primary().id();
        assertThat(second).isNotEqualTo(first);
        assertThat(rolling.deployments()).extracting(DeploymentView::id, DeploymentView::status, DeploymentView::rolloutState)
                .containsExactly(
                        tuple(second, DeploymentStatus.PRIMARY, RolloutState.IN_PROGRESS),
                        tuple(first, DeploymentStatus.ACTIVE, RolloutState.COMPLETED));
        assertThat(rolling.primary().taskDefinitionArn()).endsWith("task-definition/web:2");
        assertThat(rolling.primary().pendingCount()).isEqualTo(2);
        assertThat(rolling.taskDefinitionArn()).endsWith("web:2");

        f.at(37);
        assertThat(stateOf(f.targets(), oldIps)).containsOnly(TargetState.HEALTHY);
        assertThat(stateOfOthers(f.targets(), oldIps)).containsExactly(TargetState.INITIAL, TargetState.INITIAL);
        assertThat(f.view(web).runningCount()).isEqualTo(4);

        f.at(47);
        assertThat(stateOfOthers(f.targets(), oldIps)).containsOnly(TargetState.HEALTHY);
        assertThat(stateOf(f.targets(), oldIps)).containsExactly(TargetState.DRAINING, TargetState.DRAINING);
        ServiceView draining = f.view(web);
        assertThat(draining.primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(draining.deployments().get(1)).satisfies(old -> {
            assertThat(old.desiredCount()).isZero();
            assertThat(old.runningCount()).isZero();
        });
        assertThat(f.plane.tasks(web)).filteredOn(task -> task.deploymentId().equals(first)).allSatisfy(task -> {
            assertThat(task.lastStatus()).isEqualTo(TaskStatus.DEACTIVATING);
            assertThat(task.desiredStatus()).isEqualTo("STOPPED");
            assertThat(task.stoppedReason()).contains("Scaling activity initiated by (deployment " + second + ")");
        });

        f.at(56);
        assertThat(f.targets()).hasSize(4);

        f.at(57);
        assertThat(f.targets()).hasSize(2).extracting(TargetView::state).containsOnly(TargetState.HEALTHY);
        assertThat(ips(f.targets())).doesNotContainAnyElementsOf(oldIps);
        ServiceView done = f.view(web);
        assertThat(done.deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.id()).isEqualTo(second);
            assertThat(deployment.rolloutState()).isEqualTo(RolloutState.COMPLETED);
            assertThat(deployment.runningCount()).isEqualTo(2);
        });
        assertThat(f.plane.tasks(web)).filteredOn(task -> task.deploymentId().equals(first))
                .extracting(TaskView::lastStatus).containsOnly(TaskStatus.STOPPED);
        assertThat(done.events()).extracting(ServiceEventView::message).contains(
                "(service web) has begun draining connections on 2 tasks.",
                "(service web) deregistered 2 targets in (target-group " + TG + ")",
                "(service web) (deployment " + second + ") deployment completed.");
        assertThat(done.events().getFirst().message()).isEqualTo("(service web) has reached a steady state.");
        assertThat(done.events()).extracting(ServiceEventView::message)
                .anyMatch(message -> message.startsWith("(service web) has stopped 2 running tasks: (task "));
        assertThat(f.sink.events()).extracting(EcsDeploymentEvent::eventName, EcsDeploymentEvent::deploymentId)
                .containsExactly(
                        tuple(SERVICE_DEPLOYMENT_IN_PROGRESS, first),
                        tuple(SERVICE_DEPLOYMENT_COMPLETED, first),
                        tuple(SERVICE_DEPLOYMENT_IN_PROGRESS, second),
                        tuple(SERVICE_DEPLOYMENT_COMPLETED, second));
    }

    @Test
    void deploymentEventsCarryTheEcsDetailShape() throws Exception {
        ServiceKey web = f.createWeb();
        f.at(17);

        assertThat(f.sink.events()).hasSize(2);
        EcsDeploymentEvent completed = f.sink.events().get(1);
        assertThat(completed.serviceArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/prod/web");
        assertThat(completed.time()).isEqualTo(f.time(17));
        JsonNode detail = Json.mapper().readTree(completed.detailJson());
        assertThat(detail.path("eventType").asText()).isEqualTo("INFO");
        assertThat(detail.path("eventName").asText()).isEqualTo("SERVICE_DEPLOYMENT_COMPLETED");
        assertThat(detail.path("deploymentId").asText()).isEqualTo(f.view(web).primary().id());
        assertThat(detail.path("updatedAt").asText()).isEqualTo("2026-01-01T00:00:17Z");
        assertThat(detail.path("reason").asText()).isEqualTo("ECS deployment " + f.view(web).primary().id() + " completed.");
    }

    @Test
    void scaleOnlyUpdateResizesThePrimaryDeploymentWithoutANewOne() {
        ServiceKey web = f.createWeb();
        f.at(17);
        String deploymentId = f.view(web).primary().id();

        f.at(20);
        ServiceView scaled = f.plane.updateService(web, ServiceUpdate.scaleTo(4)).orElseThrow();
        assertThat(scaled.deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.id()).isEqualTo(deploymentId);
            assertThat(deployment.desiredCount()).isEqualTo(4);
            assertThat(deployment.pendingCount()).isEqualTo(2);
            assertThat(deployment.rolloutState()).isEqualTo(RolloutState.COMPLETED);
        });

        f.at(37);
        assertThat(f.targetStates()).hasSize(4).containsOnly(TargetState.HEALTHY);
        assertThat(f.view(web).events()).extracting(ServiceEventView::message)
                .filteredOn(message -> message.endsWith("has reached a steady state.")).hasSize(2);

        f.at(40);
        f.plane.updateService(web, ServiceUpdate.scaleTo(1));
        assertThat(f.targetStates()).containsExactlyInAnyOrder(TargetState.HEALTHY, TargetState.DRAINING,
                TargetState.DRAINING, TargetState.DRAINING);
        assertThat(f.view(web).runningCount()).isEqualTo(1);

        f.at(50);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY);
        assertThat(f.view(web).deployments()).singleElement().extracting(DeploymentView::id, DeploymentView::desiredCount)
                .containsExactly(deploymentId, 1);
        assertThat(f.eventNames()).containsExactly(SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_COMPLETED);
    }

    @Test
    void forceNewDeploymentReplacesTasksWithTheSameTaskDefinition() {
        ServiceKey web = f.createWeb();
        f.at(17);
        Set<String> oldIps = ips(f.targets());

        f.plane.updateService(web, ServiceUpdate.redeploy());
        assertThat(f.view(web).deployments()).hasSize(2);

        f.at(44);
        assertThat(f.view(web).deployments()).singleElement()
                .satisfies(deployment -> assertThat(deployment.rolloutState()).isEqualTo(RolloutState.COMPLETED));
        assertThat(ips(f.targets())).hasSize(2).doesNotContainAnyElementsOf(oldIps);
    }

    @Test
    void sameTaskDefinitionWithoutForceStartsNoDeployment() {
        ServiceKey web = f.createWeb();
        f.at(17);

        f.plane.updateService(web, ServiceUpdate.deploy(web(1)));

        assertThat(f.view(web).deployments()).hasSize(1);
        assertThat(f.eventNames()).hasSize(2);
    }

    @Test
    void twoServicesRollIndependently() {
        f.scenario.set("web:v2", ImageBehaviour.unhealthy());
        ServiceKey web = f.createWeb();
        ServiceKey api = f.create("api", 1, PlaneFixture.taskDefinition("api", 1, "api:v1"), RolloutSettings.defaults(),
                List.of(new LoadBalancerBinding(PlaneFixture.OTHER_TG, "api", 9000)));
        f.at(17);

        f.plane.updateService(web, ServiceUpdate.deploy(web(2)));
        f.plane.updateService(api, ServiceUpdate.deploy(PlaneFixture.taskDefinition("api", 2, "api:v2")));
        f.at(44);

        ServiceView apiView = f.view(api);
        assertThat(apiView.deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.taskDefinitionArn()).endsWith("api:2");
            assertThat(deployment.rolloutState()).isEqualTo(RolloutState.COMPLETED);
            assertThat(deployment.failedTasks()).isZero();
        });
        assertThat(f.plane.targetHealth(PlaneFixture.OTHER_TG).orElseThrow())
                .singleElement().satisfies(target -> {
                    assertThat(target.state()).isEqualTo(TargetState.HEALTHY);
                    assertThat(target.port()).isEqualTo(9000);
                });
        assertThat(f.view(web).primary().failedTasks()).isPositive();
        assertThat(f.view(web).primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(f.sink.events()).filteredOn(event -> event.serviceArn().endsWith("/api"))
                .extracting(EcsDeploymentEvent::eventName)
                .containsExactly(SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_COMPLETED,
                        SERVICE_DEPLOYMENT_IN_PROGRESS, SERVICE_DEPLOYMENT_COMPLETED);
        assertThat(f.view(api).events()).extracting(ServiceEventView::message).allMatch(m -> m.startsWith("(service api) "));
    }

    @Test
    void serviceWithoutLoadBalancerIsHealthyOnceRunning() {
        ServiceKey worker = f.create("worker", 2, PlaneFixture.taskDefinition("worker", 1, "worker:v1"),
                RolloutSettings.defaults(), List.of());

        f.at(6);
        assertThat(f.view(worker).primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        f.at(7);
        assertThat(f.view(worker).primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(f.plane.tasks(worker)).extracting(TaskView::healthStatus).containsOnly("UNKNOWN");
        assertThat(f.plane.targetHealth(TG)).isEmpty();
    }

    @Test
    void zeroMinimumHealthyStopsOldTasksBeforeStartingNewOnes() {
        ServiceKey web = f.create("web", 2, web(1), new RolloutSettings(0, 100, false, false),
                List.of(new LoadBalancerBinding(TG, "web", 8080)));
        f.at(17);
        Set<String> oldIps = ips(f.targets());

        f.plane.updateService(web, ServiceUpdate.deploy(web(2)));

        assertThat(stateOf(f.targets(), oldIps)).containsOnly(TargetState.DRAINING);
        assertThat(f.liveTasks(web)).filteredOn(task -> task.desiredStatus().equals("RUNNING")).hasSize(2)
                .extracting(TaskView::taskDefinitionArn).allMatch(arn -> arn.endsWith("web:2"));
        f.at(34);
        assertThat(f.view(web).deployments()).singleElement()
                .satisfies(deployment -> assertThat(deployment.rolloutState()).isEqualTo(RolloutState.COMPLETED));
    }

    @Test
    void taskInTwoTargetGroupsIsReadyOnlyWhenHealthyInBoth() {
        ServiceKey web = f.create("web", 1, web(1), RolloutSettings.defaults(), List.of(
                new LoadBalancerBinding(TG, "web", 8080), new LoadBalancerBinding(PlaneFixture.OTHER_TG, "web", 9090)));

        f.at(7);
        assertThat(f.targetStates()).containsExactly(TargetState.INITIAL);
        assertThat(f.plane.targetHealth(PlaneFixture.OTHER_TG).orElseThrow()).singleElement()
                .satisfies(target -> assertThat(target.port()).isEqualTo(9090));
        f.at(17);
        assertThat(f.view(web).primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(f.plane.targetHealth(PlaneFixture.OTHER_TG).orElseThrow()).extracting(TargetView::state)
                .containsExactly(TargetState.HEALTHY);
    }

    @Test
    void theSameActionsGiveTheSameStateWhateverTheStepSize() {
        PlaneFixture stepped = new PlaneFixture();
        PlaneFixture jumped = new PlaneFixture();
        stepped.scenario.set(":v2", ImageBehaviour.unhealthy());
        jumped.scenario.set(":v2", ImageBehaviour.unhealthy());
        ServiceKey web = stepped.createWeb();
        jumped.createWeb();
        stepped.at(20);
        jumped.at(20);
        stepped.plane.updateService(web, ServiceUpdate.deploy(web(2)));
        jumped.plane.updateService(web, ServiceUpdate.deploy(web(2)));

        for (int second = 21; second <= 200; second++) {
            stepped.at(second);
        }
        jumped.at(200);

        assertThat(jumped.view(web)).isEqualTo(stepped.view(web));
        assertThat(jumped.plane.tasks(web)).isEqualTo(stepped.plane.tasks(web));
        assertThat(jumped.targets()).isEqualTo(stepped.targets());
        assertThat(jumped.sink.events()).isEqualTo(stepped.sink.events());
    }

    @Test
    void aTargetGroupsOwnDeregistrationDelayKeepsOldTargetsDrainingAndTheRolloutOpenThatLong() {
        ServiceKey web = f.createWeb();
        f.at(17);
        Set<String> oldIps = ips(f.targets());
        f.plane.deregistrationDelay(TG, java.time.Duration.ofSeconds(60));

        f.at(30);
        f.plane.updateService(web, ServiceUpdate.deploy(web(2)));
        f.at(47); // the new tasks are healthy, the old ones begin to drain
        assertThat(stateOf(f.targets(), oldIps)).containsExactly(TargetState.DRAINING, TargetState.DRAINING);

        f.at(106); // 59 s later: AWS keeps a deregistered target for the whole delay
        assertThat(stateOf(f.targets(), oldIps)).containsExactly(TargetState.DRAINING, TargetState.DRAINING);
        assertThat(f.view(web).primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);

        f.at(107);
        assertThat(ips(f.targets())).doesNotContainAnyElementsOf(oldIps);
        assertThat(f.view(web).primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
    }

    @Test
    void aTaskInTwoTargetGroupsDrainsForTheLongerDelayAndADeletedGroupGoesBackToThePace() {
        ServiceKey web = f.create("web", 1, web(1), RolloutSettings.defaults(), List.of(
                new LoadBalancerBinding(TG, "web", 8080), new LoadBalancerBinding(PlaneFixture.OTHER_TG, "web", 9090)));
        f.plane.deregistrationDelay(TG, java.time.Duration.ofSeconds(5));
        f.plane.deregistrationDelay(PlaneFixture.OTHER_TG, java.time.Duration.ofSeconds(40));
        f.at(17);
        f.plane.updateService(web, ServiceUpdate.deploy(web(2)));
        f.at(34); // the replacement is healthy in both groups at 34: the old task drains until 74
        f.at(73);
        assertThat(f.targetStates()).contains(TargetState.DRAINING);
        f.at(74);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY);

        f.plane.targetGroupDeleted(PlaneFixture.OTHER_TG);
        f.plane.updateService(web, ServiceUpdate.deploy(web(3)));
        f.at(91); // healthy at 91, then 10 s of the pace's default (the longer of 5 s and 10 s)
        f.at(100);
        assertThat(f.targetStates()).contains(TargetState.DRAINING);
        f.at(101);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY);
    }

    @Test
    void deletedServiceIsForgotten() {
        ServiceKey web = f.createWeb();
        f.at(17);

        assertThat(f.plane.deleteService(web)).isTrue();

        assertThat(f.plane.service(web)).isEmpty();
        assertThat(f.plane.tasks(web)).isEmpty();
        assertThat(f.plane.targetHealth(TG)).isEmpty();
        assertThat(f.plane.deleteService(web)).isFalse();
    }

    private static Set<String> ips(List<TargetView> targets) {
        return targets.stream().map(TargetView::id).collect(Collectors.toSet());
    }

    private static List<TargetState> stateOf(List<TargetView> targets, Set<String> ips) {
        return targets.stream().filter(target -> ips.contains(target.id())).map(TargetView::state).toList();
    }

    private static List<TargetState> stateOfOthers(List<TargetView> targets, Set<String> ips) {
        return targets.stream().filter(target -> !ips.contains(target.id())).map(TargetView::state).toList();
    }
}
