package dev.berth.domain.health;

import static dev.berth.domain.health.RevisionJudgeTest.DEADLINE;
import static dev.berth.domain.health.RevisionJudgeTest.NEW;
import static dev.berth.domain.health.RevisionJudgeTest.OLD;
import static dev.berth.domain.health.RevisionJudgeTest.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.domain.health.TaskView.Endpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Only the revision's own targets count: whatever other targets share its groups, the look is the same. */
class RevisionJudgePropertiesTest {

    private static final List<String> STATES = List.of("healthy", "initial", "unhealthy", "draining", "unused", "unavailable");

    /** A look at NEW: its deployment, its running tasks (10.0.1.x) and their targets' states per group. */
    record Base(String rolloutState, int desired, int running, boolean breaker, long secondsIn, List<List<String>> ownStates) {

        RevisionObservation with(List<List<TargetView>> foreignPerGroup, List<TaskView> foreignTasks) {
            List<EcsDeploymentView> deployments = List.of(
                    new EcsDeploymentView("ecs-svc/2", "PRIMARY", NEW, Optional.of(rolloutState), Optional.empty(), desired, running, 0, 0),
                    new EcsDeploymentView("ecs-svc/1", "ACTIVE", OLD, Optional.of("COMPLETED"), Optional.empty(), desired, 1, 0, 0));
            List<TaskView> tasks = new ArrayList<>(IntStream.range(0, running).mapToObj(i -> new TaskView("task/n" + i, NEW, "RUNNING",
                    "RUNNING", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(new Endpoint("10.0.1." + i, 0)), List.of())).toList());
            tasks.addAll(foreignTasks);
            List<TargetGroupHealth> groups = new ArrayList<>();
            for (int g = 0; g < ownStates.size(); g++) {
                List<TargetView> targets = new ArrayList<>();
                List<String> states = ownStates.get(g);
                for (int i = 0; i < states.size() && i < running; i++) {
                    targets.add(new TargetView("10.0.1." + i, 8080, states.get(i), Optional.of("Target.Reason" + i), Optional.empty()));
                }
                if (g < foreignPerGroup.size()) {
                    targets.addAll(foreignPerGroup.get(g));
                }
                groups.add(new TargetGroupHealth("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg" + g + "/0", targets));
            }
            return new RevisionObservation(NEW, Optional.of(OLD), breaker, deployments, tasks, groups, STARTED.plusSeconds(secondsIn));
        }
    }

    @Provide
    Arbitrary<Base> looks() {
        Arbitrary<List<String>> states = Arbitraries.of(STATES).list().ofMaxSize(4);
        return Combinators.combine(Arbitraries.of("IN_PROGRESS", "COMPLETED"), Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 4), Arbitraries.of(true, false), Arbitraries.longs().between(0, 600),
                        states.list().ofMaxSize(3))
                .as(Base::new);
    }

    @Provide
    Arbitrary<List<List<TargetView>>> foreignTargets() {
        // The previous revision's tasks at 10.0.0.x and another service's at 10.0.9.x, on any port, in any state.
        Arbitrary<TargetView> target = Combinators.combine(Arbitraries.of("10.0.0.", "10.0.9."), Arbitraries.integers().between(0, 5),
                        Arbitraries.of(8080, 8081, 9090), Arbitraries.of(STATES))
                .as((prefix, i, port, state) -> new TargetView(prefix + i, port, state, Optional.of("Target.FailedHealthChecks"), Optional.empty()));
        return target.list().ofMaxSize(6).list().ofMaxSize(3);
    }

    @Property(tries = 2000)
    void othersTargetsNeitherFailNorPassTheRevision(@ForAll("looks") Base base, @ForAll("foreignTargets") List<List<TargetView>> foreign) {
        List<TaskView> oldTasks = IntStream.range(0, 6).mapToObj(i -> new TaskView("task/o" + i, OLD, "RUNNING", "RUNNING",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(new Endpoint("10.0.0." + i, 0)), List.of())).toList();
        Look alone = RevisionJudge.look(base.with(List.of(), List.of()), STARTED, DEADLINE);

        assertThat(RevisionJudge.look(base.with(foreign, oldTasks), STARTED, DEADLINE)).isEqualTo(alone);
    }

    @Property(tries = 2000)
    void neverHealthyWhileAnOwnTargetIsUnhealthyOrInitial(@ForAll("looks") Base base) {
        RevisionObservation observation = base.with(List.of(), List.of());
        boolean ownNotReady = observation.targetGroups().stream().flatMap(g -> g.targets().stream())
                .anyMatch(t -> t.state().equals("unhealthy") || t.state().equals("initial"));

        Look look = RevisionJudge.look(observation, STARTED, DEADLINE);

        if (ownNotReady && base.desired() > 0) {
            assertThat(look).isNotInstanceOf(Look.Healthy.class);
        }
        if (observation.targetGroups().stream().flatMap(g -> g.targets().stream()).anyMatch(t -> t.state().equals("unhealthy"))) {
            assertThat(look).isInstanceOf(Look.Unhealthy.class);
        }
    }

    @Property(tries = 1000)
    void pastTheDeadlineOnlyHealthyOrUnhealthyLooksAreNotFailures(@ForAll("looks") Base base) {
        RevisionObservation late = base.with(List.of(), List.of());
        Instant after = STARTED.plus(DEADLINE).plusSeconds(1);
        RevisionObservation observed = new RevisionObservation(late.expectedTaskDefinitionArn(), late.previousTaskDefinitionArn(),
                late.circuitBreakerRollback(), late.deployments(), late.tasks(), late.targetGroups(), after);

        assertThat(RevisionJudge.look(observed, STARTED, DEADLINE))
                .isInstanceOfAny(Look.Healthy.class, Look.Unhealthy.class, Look.Failed.class);
    }
}
