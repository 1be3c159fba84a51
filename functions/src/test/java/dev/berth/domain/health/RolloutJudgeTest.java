package dev.berth.domain.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.health.HealthVerdict.Healthy;
import dev.berth.domain.health.HealthVerdict.InProgress;
import dev.berth.domain.health.HealthVerdict.Unhealthy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutJudgeTest {

    private static final String NEW = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:8";
    private static final String OLD = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7";
    private static final String OTHER = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:9";
    private static final Instant STARTED = Instant.parse("2025-11-16T10:00:00Z");
    private static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final Instant EARLY = STARTED.plusSeconds(60);
    private static final Instant AT_DEADLINE = STARTED.plus(DEADLINE);
    private static final Instant LATE = AT_DEADLINE.plusMillis(1);

    private static EcsDeploymentView deployment(String status, String arn, String rollout, int desired, int running, int pending, int failed) {
        return new EcsDeploymentView("ecs-svc/" + status + arn.hashCode(), status, arn, Optional.ofNullable(rollout),
                Optional.empty(), desired, running, pending, failed);
    }

    private static EcsDeploymentView primary(String rollout, int desired, int running, int pending, int failed) {
        return deployment("PRIMARY", NEW, rollout, desired, running, pending, failed);
    }

    private static EcsDeploymentView failedRollout(String reason) {
        return new EcsDeploymentView("ecs-svc/1", "PRIMARY", NEW, Optional.of("FAILED"), Optional.ofNullable(reason), 3, 0, 0, 6);
    }

    private static EcsDeploymentView old(String status, int running) {
        return deployment(status, OLD, "COMPLETED", 3, running, 0, 0);
    }

    /** A target group named {@code name}; each state may carry a reason after a colon: "unhealthy:Target.Timeout". */
    private static TargetGroupHealth tg(String name, String... states) {
        List<TargetView> targets = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            String[] stateAndReason = states[i].split(":", 2);
            targets.add(new TargetView("10.0.0." + i, 8080, stateAndReason[0],
                    stateAndReason.length > 1 ? Optional.of(stateAndReason[1]) : Optional.empty(), Optional.empty()));
        }
        return new TargetGroupHealth("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" + name + "/73e2d6bc24d8a067", targets);
    }

    private static RolloutObservation seen(Instant at, List<EcsDeploymentView> deployments, TargetGroupHealth... groups) {
        return new RolloutObservation(NEW, deployments, List.of(groups), at);
    }

    static Stream<Arguments> rules() {
        String f = "unhealthy:Target.FailedHealthChecks";
        return Stream.of(
                // 1. changed outside this deployment
                arguments("another revision is PRIMARY",
                        new RolloutObservation(NEW, List.of(deployment("PRIMARY", OTHER, "IN_PROGRESS", 3, 0, 3, 0),
                                deployment("ACTIVE", NEW, "COMPLETED", 3, 3, 0, 0)), List.of(), EARLY),
                        new Unhealthy("service now runs " + OTHER + ", not " + NEW + ": changed outside this deployment")),
                arguments("another revision is PRIMARY even though ours is healthy and the deadline passed",
                        new RolloutObservation(NEW, List.of(deployment("PRIMARY", OTHER, "COMPLETED", 3, 3, 0, 0)), List.of(), LATE),
                        new Unhealthy("service now runs " + OTHER + ", not " + NEW + ": changed outside this deployment")),
                arguments("no deployments at all",
                        seen(EARLY, List.of()),
                        new Unhealthy("service no longer runs " + NEW + ": changed outside this deployment")),
                arguments("ours is only INACTIVE",
                        seen(EARLY, List.of(deployment("INACTIVE", NEW, "COMPLETED", 3, 0, 0, 0))),
                        new Unhealthy("service no longer runs " + NEW + ": changed outside this deployment")),
                arguments("ours is ACTIVE with no PRIMARY listed: judged on its own",
                        seen(EARLY, List.of(deployment("ACTIVE", NEW, "COMPLETED", 2, 2, 0, 0)), tg("web", "healthy", "healthy")),
                        new Healthy("2/2 running; tg web: 2 healthy")),
                // 2. ECS gave up
                arguments("rollout FAILED with ECS's reason",
                        seen(EARLY, List.of(failedRollout("ECS deployment circuit breaker: tasks failed to start."))),
                        new Unhealthy("ECS rollout failed: ECS deployment circuit breaker: tasks failed to start.")),
                arguments("rollout FAILED without a reason",
                        seen(EARLY, List.of(failedRollout(null))),
                        new Unhealthy("ECS rollout failed: no reason given")),
                arguments("rollout FAILED wins over unhealthy targets",
                        seen(EARLY, List.of(failedRollout("circuit breaker")), tg("web", f)),
                        new Unhealthy("ECS rollout failed: circuit breaker")),
                // 3. load balancer says unhealthy
                arguments("2 of 3 targets unhealthy",
                        seen(EARLY, List.of(primary("IN_PROGRESS", 3, 3, 0, 0)), tg("web", f, f, "healthy")),
                        new Unhealthy("2 of 3 targets unhealthy in web: Target.FailedHealthChecks")),
                arguments("one unhealthy target is enough, even with the rollout COMPLETED",
                        seen(EARLY, List.of(primary("COMPLETED", 3, 3, 0, 0)), tg("web", "healthy", "healthy", "healthy", "unhealthy:Target.Timeout")),
                        new Unhealthy("1 of 4 targets unhealthy in web: Target.Timeout")),
                arguments("several reasons and groups are all named",
                        seen(EARLY, List.of(primary("IN_PROGRESS", 2, 2, 0, 0)),
                                tg("web", f, "unhealthy:Target.Timeout"), tg("admin", "healthy"), tg("grpc", "unhealthy")),
                        new Unhealthy("2 of 2 targets unhealthy in web: Target.FailedHealthChecks, Target.Timeout; "
                                + "1 of 1 targets unhealthy in grpc: no reason given")),
                arguments("unhealthy targets are reported as such after the deadline too",
                        seen(LATE, List.of(primary("IN_PROGRESS", 3, 1, 0, 0)), tg("web", f)),
                        new Unhealthy("1 of 1 targets unhealthy in web: Target.FailedHealthChecks")),
                arguments("failed tasks alone are retried by ECS: still in progress",
                        seen(EARLY, List.of(primary("IN_PROGRESS", 3, 1, 1, 2), old("ACTIVE", 3)), tg("web", "healthy", "healthy", "healthy", "healthy")),
                        new InProgress("1/3 running, 1 pending, 2 failed; tg web: 4 healthy; old revision: 3 running")),
                // 4. healthy
                arguments("COMPLETED, all running, all healthy",
                        seen(EARLY, List.of(primary("COMPLETED", 3, 3, 0, 0)), tg("web", "healthy", "healthy", "healthy")),
                        new Healthy("3/3 running; tg web: 3 healthy")),
                arguments("draining targets of the old revision are fine",
                        seen(EARLY, List.of(primary("COMPLETED", 3, 3, 0, 0)), tg("web", "healthy", "draining", "healthy", "healthy", "draining")),
                        new Healthy("3/3 running; tg web: 3 healthy, 2 draining")),
                arguments("unused targets are fine",
                        seen(EARLY, List.of(primary("COMPLETED", 1, 1, 0, 0)), tg("web", "healthy", "unused")),
                        new Healthy("1/1 running; tg web: 1 healthy, 1 unused")),
                arguments("more healthy targets than desired is fine",
                        seen(EARLY, List.of(primary("COMPLETED", 2, 2, 0, 0)), tg("web", "healthy", "healthy", "healthy")),
                        new Healthy("2/2 running; tg web: 3 healthy")),
                arguments("no load balancer: tasks decide",
                        seen(EARLY, List.of(primary("COMPLETED", 2, 2, 0, 0))),
                        new Healthy("2/2 running")),
                arguments("every target group must be healthy",
                        seen(EARLY, List.of(primary("COMPLETED", 2, 2, 0, 0)), tg("web", "healthy", "healthy"), tg("grpc", "healthy", "healthy")),
                        new Healthy("2/2 running; tg web: 2 healthy; tg grpc: 2 healthy")),
                arguments("no rolloutState and the only live deployment",
                        seen(EARLY, List.of(primary(null, 2, 2, 0, 0), old("INACTIVE", 0)), tg("web", "healthy", "healthy")),
                        new Healthy("2/2 running; tg web: 2 healthy")),
                arguments("desired 0 and COMPLETED, whatever the targets say",
                        seen(EARLY, List.of(primary("COMPLETED", 0, 0, 0, 0)), tg("web", "draining", "initial")),
                        new Healthy("0/0 running; tg web: 1 initial, 1 draining")),
                arguments("desired 0, COMPLETED, no targets",
                        seen(EARLY, List.of(primary("COMPLETED", 0, 0, 0, 0)), tg("web")),
                        new Healthy("0/0 running; tg web: no targets")),
                arguments("healthy after the deadline is still healthy",
                        seen(LATE, List.of(primary("COMPLETED", 1, 1, 0, 0)), tg("web", "healthy")),
                        new Healthy("1/1 running; tg web: 1 healthy")),
                // 6. not there yet
                arguments("targets still initial",
                        seen(EARLY, List.of(primary("COMPLETED", 3, 3, 0, 0)), tg("web", "healthy", "healthy", "healthy", "initial")),
                        new InProgress("3/3 running; tg web: 3 healthy, 1 initial")),
                arguments("fewer healthy targets than desired",
                        seen(EARLY, List.of(primary("COMPLETED", 3, 3, 0, 0)), tg("web", "healthy", "healthy")),
                        new InProgress("3/3 running; tg web: 2 healthy")),
                arguments("one group healthy, the other not yet",
                        seen(EARLY, List.of(primary("COMPLETED", 1, 1, 0, 0)), tg("web", "healthy"), tg("grpc", "initial")),
                        new InProgress("1/1 running; tg web: 1 healthy; tg grpc: 1 initial")),
                arguments("fewer running than desired",
                        seen(EARLY, List.of(primary("IN_PROGRESS", 3, 2, 1, 0), old("ACTIVE", 2)), tg("web", "healthy", "initial", "healthy", "healthy")),
                        new InProgress("2/3 running, 1 pending; tg web: 3 healthy, 1 initial; old revision: 2 running")),
                arguments("running more than desired while scaling in",
                        seen(EARLY, List.of(primary("COMPLETED", 2, 3, 0, 0)), tg("web", "healthy", "healthy", "healthy")),
                        new InProgress("3/2 running; tg web: 3 healthy")),
                arguments("everything ready but ECS has not marked the rollout COMPLETED",
                        seen(EARLY, List.of(primary("IN_PROGRESS", 2, 2, 0, 0), old("ACTIVE", 0)), tg("web", "healthy", "healthy")),
                        new InProgress("2/2 running; tg web: 2 healthy; waiting for ECS to complete the rollout")),
                arguments("no rolloutState and the old deployment is still live",
                        seen(EARLY, List.of(primary(null, 2, 2, 0, 0), old("ACTIVE", 1)), tg("web", "healthy", "healthy", "draining")),
                        new InProgress("2/2 running; tg web: 2 healthy, 1 draining; old revision: 1 running")),
                arguments("exactly at the deadline is not past it",
                        seen(AT_DEADLINE, List.of(primary("IN_PROGRESS", 3, 2, 1, 0)), tg("web", "healthy", "healthy", "initial")),
                        new InProgress("2/3 running, 1 pending; tg web: 2 healthy, 1 initial")),
                // 5. out of time
                arguments("past the deadline",
                        seen(LATE, List.of(primary("IN_PROGRESS", 3, 2, 1, 0)), tg("web", "healthy", "healthy", "initial")),
                        new Unhealthy("not healthy within 5m (last: 2/3 running, 1 pending; tg web: 2 healthy, 1 initial)")),
                arguments("past the deadline with ECS still retrying failed tasks",
                        seen(LATE, List.of(primary("IN_PROGRESS", 3, 1, 0, 4))),
                        new Unhealthy("not healthy within 5m (last: 1/3 running, 4 failed)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void judgesByTheDocumentedRules(String rule, RolloutObservation observation, HealthVerdict expected) {
        assertThat(RolloutJudge.judge(observation, STARTED, DEADLINE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "deadline {0}")
    @MethodSource("deadlines")
    void namesTheDeadlineForPeople(Duration deadline, String human) {
        RolloutObservation stuck = seen(STARTED.plus(deadline).plusSeconds(1), List.of(primary("IN_PROGRESS", 1, 0, 1, 0)));

        assertThat(RolloutJudge.judge(stuck, STARTED, deadline))
                .isEqualTo(new Unhealthy("not healthy within " + human + " (last: 0/1 running, 1 pending)"));
    }

    static Stream<Arguments> deadlines() {
        return Stream.of(
                arguments(Duration.ofSeconds(30), "30s"),
                arguments(Duration.ofSeconds(90), "1m30s"),
                arguments(Duration.ofHours(6), "6h"));
    }
}
