package dev.berth.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.target.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The rolling strategy as data: the steps that execute it and, per cause, the steps that undo it. */
class PlansTest {

    private static final Duration SETTLE = Duration.ofSeconds(45);
    private static final Strategy.Rolling ROLLING = new Strategy.Rolling(Duration.ofMinutes(10), Duration.ofSeconds(15), 3, SETTLE);
    private static final Check ON_NEW = new Check.RevisionHealthy(Revision.NEW, Duration.ofMinutes(10), Duration.ofSeconds(15), 3, SETTLE);

    static Stream<Arguments> plans() {
        return Stream.of(
                arguments("forward", Phase.FORWARD, null, new Step("Roll the service out to the new revision",
                        new Action.UpdateService(Revision.NEW), ON_NEW)),
                arguments("rollback after a failure: Berth sets the rollback revision", Phase.ROLLBACK,
                        new RollbackCause.Failure("2 of 2 targets unhealthy"),
                        new Step("Roll the service back to the previous revision", new Action.UpdateService(Revision.ROLLBACK),
                                new Check.RevisionHealthy(Revision.ROLLBACK, Duration.ofMinutes(10), Duration.ofSeconds(15), 3, SETTLE))),
                arguments("rollback by ECS's circuit breaker: Berth only watches the previous revision come back", Phase.ROLLBACK,
                        new RollbackCause.EcsRollback("ECS deployment circuit breaker: tasks failed to start."),
                        new Step("Watch ECS roll the service back", new Action.Watch(),
                                new Check.RevisionHealthy(Revision.PREVIOUS, Duration.ofMinutes(10), Duration.ofSeconds(15), 3, SETTLE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void rollingIsOneStepEachWay(String plan, Phase phase, RollbackCause cause, Step expected) {
        assertThat(Plans.steps(ROLLING, phase, cause)).containsExactly(expected);
    }

    @Test
    void forwardAndRollbackAreTheSameListsAsStepsGivesPerPhase() {
        assertThat(Plans.forward(ROLLING)).isEqualTo(Plans.steps(ROLLING, Phase.FORWARD, null));
        RollbackCause failure = new RollbackCause.Failure("x");
        assertThat(Plans.rollback(ROLLING, failure)).isEqualTo(Plans.steps(ROLLING, Phase.ROLLBACK, failure));
    }

    @Test
    void theForwardPhaseDoesNotDependOnARollbackCause() {
        assertThat(Plans.steps(ROLLING, Phase.FORWARD, new RollbackCause.EcsRollback("e")))
                .isEqualTo(Plans.steps(ROLLING, Phase.FORWARD, new RollbackCause.Failure("f")));
    }

    @Test
    void onlyUpdatingTheServiceChangesIt() {
        assertThat(new Action.UpdateService(Revision.NEW).changesService()).isTrue();
        assertThat(new Action.Watch().changesService()).isFalse();
        // So a rollback after a failed forward step has something to undo, and ECS's own rollback is never acted on.
        assertThat(Plans.forward(ROLLING)).allMatch(step -> step.action().changesService());
        assertThat(Plans.rollback(ROLLING, new RollbackCause.EcsRollback("e"))).noneMatch(step -> step.action().changesService());
    }

    @Property(tries = 300)
    void everyCheckCarriesTheStrategysSettings(@ForAll @IntRange(min = 30, max = 21_600) int deadlineSeconds,
                                               @ForAll @IntRange(min = 1, max = 300) int pollSeconds,
                                               @ForAll @IntRange(min = 1, max = 10) int threshold) {
        if (pollSeconds >= deadlineSeconds || deadlineSeconds / pollSeconds > Strategy.Rolling.MAX_LOOKS) {
            return; // settings a rolling strategy refuses (StrategyTest)
        }
        Strategy.Rolling rolling = new Strategy.Rolling(Duration.ofSeconds(deadlineSeconds), Duration.ofSeconds(pollSeconds), threshold);
        List<Step> all = Stream.of(Plans.forward(rolling), Plans.rollback(rolling, new RollbackCause.Failure("f")),
                Plans.rollback(rolling, new RollbackCause.EcsRollback("e"))).flatMap(List::stream).toList();

        assertThat(all).isNotEmpty().allSatisfy(step -> {
            Check.RevisionHealthy check = (Check.RevisionHealthy) step.check();
            assertThat(check.deadline()).isEqualTo(rolling.healthDeadline());
            assertThat(check.interval()).isEqualTo(rolling.pollInterval());
            assertThat(check.failureThreshold()).isEqualTo(rolling.failureThreshold());
            assertThat(check.settle()).isEqualTo(rolling.settlePeriod());
        });
    }

    @Test
    void aRollingDeploymentSupersededStopsWhereItIs() {
        assertThat(SupersedeHandling.of(ROLLING)).isEqualTo(SupersedeHandling.STOP);
    }

    @ParameterizedTest
    @EnumSource(Revision.class)
    void aStepNeedsANameAnActionAndACheck(Revision revision) {
        Check check = new Check.RevisionHealthy(revision, Duration.ofMinutes(1), Duration.ofSeconds(5), 1, SETTLE);
        Action action = new Action.UpdateService(revision);

        assertThatThrownBy(() -> new Step(" ", action, check)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Step(null, action, check)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Step("Roll", null, check)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Step("Roll", action, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Step("Roll", action, check).name()).isEqualTo("Roll");
    }

    @Test
    void checksAndActionsRefuseWhatCannotBeExecuted() {
        assertThatThrownBy(() -> new Action.UpdateService(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an UpdateService step needs the revision it sets");
        assertThatThrownBy(() -> new Check.RevisionHealthy(Revision.NEW, Duration.ofMinutes(1), Duration.ofSeconds(5), 0, SETTLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a failure threshold is at least 1, not 0");
        assertThatThrownBy(() -> new Check.RevisionHealthy(null, Duration.ofMinutes(1), Duration.ofSeconds(5), 1, SETTLE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Check.RevisionHealthy(Revision.NEW, null, Duration.ofSeconds(5), 1, SETTLE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Check.RevisionHealthy(Revision.NEW, Duration.ofMinutes(1), null, 1, SETTLE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
