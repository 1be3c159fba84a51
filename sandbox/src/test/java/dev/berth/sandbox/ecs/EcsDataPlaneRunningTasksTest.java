package dev.berth.sandbox.ecs;

import static dev.berth.sandbox.ecs.PlaneFixture.OTHER_TG;
import static dev.berth.sandbox.ecs.PlaneFixture.TG;
import static dev.berth.sandbox.ecs.PlaneFixture.web;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What happens to tasks that already run when their image's behaviour changes, when they are stopped
 * from outside, and when services share a target group. Default timings: running at 7 s, healthy at
 * 17 s; a serving task that fails its checks is acted on 60 s after its target turns unhealthy.
 */
class EcsDataPlaneRunningTasksTest {

    private static final ImageSelector V1 = ImageSelector.parse("web:v1");

    private final PlaneFixture f = new PlaneFixture();

    /** Makes the service's running v1 tasks fail from 20 s on, then lets new v1 tasks be healthy again. */
    private void v1TurnsUnhealthyAt20() {
        f.at(20);
        f.scenario.set(V1, ImageBehaviour.unhealthy());
        assertThat(f.plane.applyToRunningTasks(V1)).isEqualTo(2);
        f.scenario.remove(V1); // replacements will be fine: a transient failure of the running ones
    }

    @Test
    void aServingTaskThatFailsStaysVisiblyUnhealthyThenIsReplacedFirst() {
        ServiceKey web = f.createWeb();
        f.at(17);
        v1TurnsUnhealthyAt20();

        f.at(29);
        assertThat(f.targetStates()).containsOnly(TargetState.HEALTHY);
        f.at(30); // two failed checks
        assertThat(f.targetStates()).containsExactly(TargetState.UNHEALTHY, TargetState.UNHEALTHY);

        f.at(89); // ECS has not acted yet: the unhealthy targets are there for observers to see
        assertThat(f.targetStates()).containsExactly(TargetState.UNHEALTHY, TargetState.UNHEALTHY);
        assertThat(f.liveTasks(web)).hasSize(2);

        f.at(90); // ECS acts: replacements start first, the unhealthy tasks keep running
        assertThat(f.liveTasks(web)).hasSize(4);
        assertThat(f.targetStates()).containsExactly(TargetState.UNHEALTHY, TargetState.UNHEALTHY);
        assertThat(f.view(web).events().getFirst().message()).startsWith("(service web) has started 2 tasks");

        f.at(106);
        assertThat(f.targetStates()).containsExactly(TargetState.UNHEALTHY, TargetState.UNHEALTHY,
                TargetState.INITIAL, TargetState.INITIAL);

        f.at(107); // replacements healthy: the unhealthy tasks drain
        assertThat(f.targetStates()).containsExactly(TargetState.DRAINING, TargetState.DRAINING,
                TargetState.HEALTHY, TargetState.HEALTHY);
        assertThat(f.plane.tasks(web)).filteredOn(task -> task.lastStatus() == TaskStatus.DEACTIVATING)
                .hasSize(2).allSatisfy(task -> {
                    assertThat(task.stoppedReason()).contains("Task failed ELB health checks in (target-group " + TG + ")");
                    assertThat(task.stopCode()).contains("ServiceSchedulerInitiated");
                });

        f.at(117);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY);
        assertThat(f.view(web).deployments()).singleElement()
                .satisfies(deployment -> assertThat(deployment.rolloutState()).isEqualTo(RolloutState.COMPLETED));
        assertThat(f.view(web).events().getFirst().message()).isEqualTo("(service web) has reached a steady state.");
    }

    @Test
    void withoutRoomToStartReplacementsFirstTheUnhealthyTasksStopAtOnce() {
        RolloutSettings noSurge = new RolloutSettings(50, 100, true, true);
        ServiceKey web = f.create("web", 2, web(1), noSurge, List.of(new LoadBalancerBinding(TG, "web", 8080)));
        f.at(17);
        v1TurnsUnhealthyAt20();

        f.at(90);
        assertThat(f.targetStates()).containsExactly(TargetState.DRAINING, TargetState.DRAINING);
        assertThat(f.liveTasks(web)).extracting(TaskView::lastStatus)
                .containsExactly(TaskStatus.DEACTIVATING, TaskStatus.DEACTIVATING, TaskStatus.PROVISIONING,
                        TaskStatus.PROVISIONING);

        f.at(107);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY);
    }

    @Test
    void anOldTaskFailingDuringARolloutIsStoppedWhileTheNewRevisionRollsOn() {
        f.scenario.set(":v2", ImageBehaviour.slowStart(Duration.ofSeconds(60)));
        ServiceKey web = f.createWeb();
        f.at(17);
        f.plane.updateService(web, ServiceUpdate.deploy(web(2)));
        v1TurnsUnhealthyAt20();

        f.at(30);
        assertThat(f.targets()).extracting(TargetView::state)
                .containsExactly(TargetState.UNHEALTHY, TargetState.UNHEALTHY, TargetState.INITIAL, TargetState.INITIAL);
        f.at(89);
        assertThat(f.targetStates()).containsExactly(TargetState.UNHEALTHY, TargetState.UNHEALTHY, TargetState.INITIAL,
                TargetState.INITIAL);

        f.at(90); // the old deployment is being retired: its unhealthy tasks stop, not replaced by their revision
        assertThat(f.targetStates()).containsExactly(TargetState.DRAINING, TargetState.DRAINING, TargetState.INITIAL,
                TargetState.INITIAL);
        assertThat(f.liveTasks(web)).hasSize(4);

        f.at(97);
        f.at(100);
        assertThat(f.view(web).deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.taskDefinitionArn()).endsWith("web:2");
            assertThat(deployment.rolloutState()).isEqualTo(RolloutState.COMPLETED);
        });
        assertThat(f.plane.tasks(web)).filteredOn(task -> task.taskDefinitionArn().endsWith("web:1"))
                .allSatisfy(task -> assertThat(task.stoppedReason()).hasValueSatisfying(
                        reason -> assertThat(reason).startsWith("Task failed ELB health checks")));
    }

    @Test
    void aTaskThatRecoversBeforeEcsLooksIsLeftAlone() {
        ServiceKey web = f.createWeb();
        f.at(17);
        v1TurnsUnhealthyAt20();
        f.at(30);
        assertThat(f.targetStates()).containsOnly(TargetState.UNHEALTHY);

        f.at(40);
        assertThat(f.plane.applyToRunningTasks(V1)).isEqualTo(2); // the scenario says healthy again
        f.at(50);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY);

        f.at(200);
        assertThat(f.plane.tasks(web)).hasSize(2);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY);
    }

    @Test
    void aFlakyImageFlapsBetweenHealthyAndUnhealthyTheSameWayEveryRun() {
        List<List<TargetState>> first = flakyRun(new PlaneFixture());
        List<List<TargetState>> second = flakyRun(new PlaneFixture());

        assertThat(first).isEqualTo(second);
        List<TargetState> seen = first.stream().flatMap(List::stream).toList();
        assertThat(seen).contains(TargetState.HEALTHY, TargetState.UNHEALTHY);
        // Flapping, not stuck: the first task's target changes state more than a few times.
        long changes = 0;
        for (int i = 1; i < first.size(); i++) {
            changes += first.get(i).getFirst() == first.get(i - 1).getFirst() ? 0 : 1;
        }
        assertThat(changes).isGreaterThan(3);
    }

    private static List<List<TargetState>> flakyRun(PlaneFixture fixture) {
        fixture.createWeb();
        fixture.at(17);
        fixture.scenario.set(V1, ImageBehaviour.flaky(0.4));
        fixture.plane.applyToRunningTasks(V1);
        List<List<TargetState>> states = new ArrayList<>();
        for (int second = 20; second <= 400; second += 5) {
            fixture.at(second);
            states.add(fixture.targetStates());
        }
        return states;
    }

    @Test
    void aRunningTaskWhoseImageNowCrashesStopsAndIsReplaced() {
        ServiceKey web = f.createWeb();
        f.at(17);
        f.at(20);
        f.scenario.set(V1, ImageBehaviour.crashOnStart());
        f.plane.applyToRunningTasks(V1);
        f.scenario.remove(V1);

        assertThat(f.plane.tasks(web)).filteredOn(task -> task.lastStatus() == TaskStatus.DEACTIVATING).hasSize(2)
                .allSatisfy(task -> {
                    assertThat(task.stopCode()).contains("EssentialContainerExited");
                    assertThat(task.containers()).singleElement()
                            .satisfies(container -> assertThat(container.exitCode()).contains(1));
                });
        assertThat(f.targetStates()).containsOnly(TargetState.DRAINING);
        assertThat(f.liveTasks(web)).filteredOn(task -> task.lastStatus() == TaskStatus.PROVISIONING).hasSize(2);

        // Replacements launched while the image still crashed crash too; those after it no longer does are fine.
        f.at(27);
        assertThat(f.view(web).primary().failedTasks()).isEqualTo(4);
        f.at(44);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY);
    }

    @Test
    void aStoppedTaskDrainsWithTheGivenReasonAndItsServiceReplacesIt() {
        ServiceKey web = f.createWeb();
        f.at(20);
        TaskView victim = f.plane.tasks(web).getFirst();

        TaskView stopping = f.plane.stopTask("prod", victim.taskId(), "chaos drill").orElseThrow();

        assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopping.lastStatus()).isEqualTo(TaskStatus.DEACTIVATING);
        assertThat(stopping.stoppedReason()).contains("chaos drill");
        assertThat(stopping.stopCode()).contains("UserInitiated");
        assertThat(f.liveTasks(web)).hasSize(3);
        assertThat(f.plane.stopTask("prod", "0123456789abcdef0123456789abcdef", "no such task")).isEmpty();
        assertThat(f.plane.stopTask("staging", victim.taskArn(), "wrong cluster")).isEmpty();

        f.at(30);
        assertThat(f.plane.tasks(web).getFirst().lastStatus()).isEqualTo(TaskStatus.STOPPED);
        f.at(37);
        assertThat(f.targetStates()).containsExactly(TargetState.HEALTHY, TargetState.HEALTHY);
        assertThat(f.view(web).primary().failedTasks()).isZero();
    }

    @Test
    void servicesSharingATargetGroupEachRegisterTheirOwnTasks() {
        ServiceKey web = f.createWeb();
        f.scenario.set("api:v1", ImageBehaviour.unhealthy());
        ServiceKey api = f.create("api", 1, PlaneFixture.taskDefinition("api", 1, "api:v1"),
                RolloutSettings.defaults(), List.of(new LoadBalancerBinding(TG, "api", 8080),
                        new LoadBalancerBinding(OTHER_TG, "api", 9090)));

        f.at(17);
        List<TargetView> shared = f.targets();
        assertThat(shared).hasSize(3);
        List<String> webTasks = f.plane.tasks(web).stream().map(TaskView::taskArn).toList();
        List<String> apiTasks = f.plane.tasks(api).stream().map(TaskView::taskArn).toList();
        assertThat(shared).filteredOn(target -> webTasks.contains(target.taskArn()))
                .extracting(TargetView::state).containsOnly(TargetState.HEALTHY).hasSize(2);
        assertThat(shared).filteredOn(target -> apiTasks.contains(target.taskArn()))
                .extracting(TargetView::state).containsExactly(TargetState.UNHEALTHY);
        assertThat(f.plane.targetHealth(OTHER_TG).orElseThrow()).singleElement()
                .satisfies(target -> assertThat(target.port()).isEqualTo(9090));
        assertThat(f.view(web).primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
    }
}
