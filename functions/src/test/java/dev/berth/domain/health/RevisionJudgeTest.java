package dev.berth.domain.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.health.TaskView.ContainerView;
import dev.berth.domain.health.TaskView.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every numbered rule of {@link RevisionJudge}, as a table: the observation and the exact look, summary
 * included. Ported from the table of the judge it replaced (RolloutJudgeTest), with targets now matched to
 * the revision's own tasks: new tasks run at 10.0.1.x, the previous revision's at 10.0.0.x, another
 * service's at 10.0.9.x.
 */
class RevisionJudgeTest {

    static final String NEW = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:8";
    static final String OLD = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7";
    static final String OTHER = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:9";
    static final Instant STARTED = Instant.parse("2025-11-16T10:00:00Z");
    static final Duration DEADLINE = Duration.ofMinutes(5);
    static final Instant EARLY = STARTED.plusSeconds(60);
    static final Instant AT_DEADLINE = STARTED.plus(DEADLINE);
    static final Instant LATE = AT_DEADLINE.plusMillis(1);
    static final String F = "unhealthy:Target.FailedHealthChecks";
    static final String BREAKER_FAILED = "ECS deployment circuit breaker: tasks failed to start.";
    static final String BREAKER_ROLLING_BACK = "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1111";

    // ---- ECS deployments

    static EcsDeploymentView deployment(String status, String arn, String rollout, int desired, int running, int pending, int failed) {
        return deployment(status, arn, rollout, null, desired, running, pending, failed);
    }

    static EcsDeploymentView deployment(String status, String arn, String rollout, String reason, int desired, int running,
                                        int pending, int failed) {
        return new EcsDeploymentView("ecs-svc/" + status + Math.abs(arn.hashCode()), status, arn, Optional.ofNullable(rollout),
                Optional.ofNullable(reason), desired, running, pending, failed);
    }

    static EcsDeploymentView primary(String rollout, int desired, int running, int pending, int failed) {
        return deployment("PRIMARY", NEW, rollout, desired, running, pending, failed);
    }

    static EcsDeploymentView old(String status, int running) {
        return deployment(status, OLD, "COMPLETED", 3, running, 0, 0);
    }

    // ---- tasks

    static TaskView task(String arn, String status, List<Endpoint> endpoints, String stopCode, String reason, ContainerView... containers) {
        return new TaskView("arn:aws:ecs:us-east-1:123456789012:task/prod/" + Math.abs((arn + endpoints + stopCode + reason).hashCode()),
                arn, status, status.equals("STOPPED") ? "STOPPED" : "RUNNING", Optional.of(STARTED), Optional.empty(),
                Optional.ofNullable(stopCode), Optional.ofNullable(reason), endpoints, List.of(containers));
    }

    /** {@code n} running tasks of {@code arn} in awsvpc mode, at {@code prefix}.0, .1, ... */
    static List<TaskView> running(String arn, String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> task(arn, "RUNNING", List.of(new Endpoint(prefix + i, 0)), null, null)).toList();
    }

    /**
     * A running task of NEW at 10.0.1.{@code i}, started {@code startedAgo} before EARLY, with ECS's task health and
     * its containers' as {@code name=STATUS} (a task health of null: ECS reports none).
     */
    static TaskView checkedTask(int i, Duration startedAgo, String taskHealth, String... containers) {
        TaskView t = task(NEW, "RUNNING", List.of(new Endpoint("10.0.1." + i, 0)), null, null);
        List<ContainerView> views = Arrays.stream(containers).map(c -> c.split("=", 2))
                .map(c -> new ContainerView(c[0], Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(c[1]))).toList();
        return new TaskView(t.taskArn() + "-" + i, NEW, "RUNNING", "RUNNING", Optional.of(EARLY.minus(startedAgo)), Optional.empty(),
                Optional.empty(), Optional.empty(), t.endpoints(), views, Optional.of(STARTED), Optional.ofNullable(taskHealth));
    }

    static TaskView checkedTask(int i, String taskHealth, String... containers) {
        return checkedTask(i, Duration.ofMinutes(1), taskHealth, containers);
    }

    static List<TaskView> fresh(int n) {
        return running(NEW, "10.0.1.", n);
    }

    static List<TaskView> previous(int n) {
        return running(OLD, "10.0.0.", n);
    }

    static TaskView crashed(String arn, String stopCode, String reason, Integer exitCode) {
        return task(arn, "STOPPED", List.of(), stopCode, reason,
                new ContainerView("web", Optional.ofNullable(exitCode), Optional.empty(), Optional.empty()));
    }

    /** A task of {@code arn} that crashed, created {@code before} the step started (ECS shows stopped tasks for an hour). */
    static TaskView crashedEarlier(String arn, Duration before) {
        TaskView t = crashed(arn, "EssentialContainerExited", "OutOfMemoryError: Container killed due to memory usage", 137);
        return new TaskView(t.taskArn() + "-old", t.taskDefinitionArn(), t.lastStatus(), t.desiredStatus(), t.startedAt(),
                t.stoppedAt(), t.stopCode(), t.stoppedReason(), t.endpoints(), t.containers(), Optional.of(STARTED.minus(before)));
    }

    // ---- targets

    /** A target at {@code id:port} in a state, which may carry a reason after a colon: "unhealthy:Target.Timeout". */
    static TargetView target(String id, int port, String stateAndReason) {
        String[] parts = stateAndReason.split(":", 2);
        return new TargetView(id, port, parts[0], parts.length > 1 ? Optional.of(parts[1]) : Optional.empty(), Optional.empty());
    }

    /** Targets on port 8080 at {@code prefix}.0, .1, ... in these states. */
    static List<TargetView> at(String prefix, String... states) {
        return IntStream.range(0, states.length).mapToObj(i -> target(prefix + i, 8080, states[i])).toList();
    }

    static List<TargetView> ours(String... states) {
        return at("10.0.1.", states);
    }

    static List<TargetView> theirs(String... states) {
        return at("10.0.0.", states);
    }

    static List<TargetView> anotherService(String... states) {
        return at("10.0.9.", states);
    }

    @SafeVarargs
    static TargetGroupHealth tg(String name, List<TargetView>... targets) {
        return new TargetGroupHealth("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" + name + "/73e2d6bc24d8a067",
                Arrays.stream(targets).flatMap(List::stream).toList());
    }

    // ---- observations

    static Seen seen(EcsDeploymentView... deployments) {
        return new Seen(List.of(deployments));
    }

    /** An observation of NEW, its previous revision OLD, made EARLY, without ECS's circuit-breaker rollback. */
    static final class Seen {
        private final List<EcsDeploymentView> deployments;
        private Instant at = EARLY;
        private Optional<String> previous = Optional.of(OLD);
        private boolean breaker;
        private final List<TaskView> tasks = new ArrayList<>();
        private final List<TargetGroupHealth> groups = new ArrayList<>();

        Seen(List<EcsDeploymentView> deployments) {
            this.deployments = deployments;
        }

        Seen at(Instant when) {
            at = when;
            return this;
        }

        Seen breakerRollsBack() {
            breaker = true;
            return this;
        }

        /** Judging a rollback revision: there is no previous revision to name. */
        Seen noPrevious() {
            previous = Optional.empty();
            return this;
        }

        Seen tasks(List<TaskView> more) {
            tasks.addAll(more);
            return this;
        }

        Seen tasks(TaskView... more) {
            return tasks(List.of(more));
        }

        private int failedBefore;

        /** ECS's failed-task count at the look before. */
        Seen failedBefore(int count) {
            failedBefore = count;
            return this;
        }

        Seen groups(TargetGroupHealth... more) {
            groups.addAll(List.of(more));
            return this;
        }

        private ContainerChecks checks = ContainerChecks.none();

        /** The revision's essential containers {@code names} have container health checks. */
        Seen checks(String... names) {
            checks = new ContainerChecks(Arrays.stream(names).map(name -> new ContainerChecks.Checked(name, Duration.ZERO)).toList());
            return this;
        }

        RevisionObservation build() {
            return new RevisionObservation(NEW, previous, breaker, deployments, tasks, groups, at, failedBefore, checks);
        }
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // 1. The PRIMARY deployment runs another revision.
                arguments("1: another revision is PRIMARY (someone else's UpdateService)",
                        seen(deployment("PRIMARY", OTHER, "IN_PROGRESS", 3, 0, 3, 0), deployment("ACTIVE", NEW, "COMPLETED", 3, 3, 0, 0))
                                .tasks(fresh(3)).groups(tg("web", ours("healthy", "healthy", "healthy"))),
                        new Look.ChangedOutside("service now runs " + OTHER + ", not " + NEW + ": changed outside this deployment")),
                arguments("1: another revision is PRIMARY even though ours is healthy and the deadline passed",
                        seen(deployment("PRIMARY", OTHER, "COMPLETED", 3, 3, 0, 0)).at(LATE),
                        new Look.ChangedOutside("service now runs " + OTHER + ", not " + NEW + ": changed outside this deployment")),
                arguments("1: the previous revision is PRIMARY again, the breaker rolls back, and our rollout FAILED: ECS rolls back",
                        seen(deployment("PRIMARY", OLD, "IN_PROGRESS", BREAKER_ROLLING_BACK, 3, 1, 2, 0),
                                deployment("ACTIVE", NEW, "FAILED", BREAKER_FAILED, 3, 0, 0, 3)).breakerRollsBack(),
                        new Look.EcsRollingBack("ECS deployment circuit breaker rolled the service back to web:7: " + BREAKER_FAILED)),
                arguments("1: the previous revision is PRIMARY again, the breaker's reason on it, ours gone already: ECS rolls back",
                        seen(deployment("PRIMARY", OLD, "IN_PROGRESS", BREAKER_ROLLING_BACK, 3, 3, 0, 0)).breakerRollsBack(),
                        new Look.EcsRollingBack("ECS deployment circuit breaker rolled the service back to web:7: " + BREAKER_ROLLING_BACK)),
                arguments("1: the breaker's rollback already completed and ours drained away: still ECS's rollback (a late look)",
                        seen(deployment("PRIMARY", OLD, "COMPLETED", "ECS deployment ecs-svc/9 completed.", 3, 3, 0, 0)).breakerRollsBack(),
                        new Look.EcsRollingBack("ECS deployment circuit breaker rolled the service back to web:7: "
                                + "the service is back on the previous revision")),
                arguments("1: the previous revision is PRIMARY again with no word from the breaker: someone rolled back by hand",
                        seen(deployment("PRIMARY", OLD, "IN_PROGRESS", 3, 0, 3, 0), deployment("ACTIVE", NEW, "IN_PROGRESS", 3, 2, 0, 0))
                                .breakerRollsBack(),
                        new Look.ChangedOutside("service now runs " + OLD + ", not " + NEW + ": changed outside this deployment")),
                arguments("1: the previous revision is PRIMARY and our rollout FAILED, but the breaker does not roll back: not ECS",
                        seen(deployment("PRIMARY", OLD, "IN_PROGRESS", BREAKER_ROLLING_BACK, 3, 0, 3, 0),
                                deployment("ACTIVE", NEW, "FAILED", BREAKER_FAILED, 3, 0, 0, 3)),
                        new Look.ChangedOutside("service now runs " + OLD + ", not " + NEW + ": changed outside this deployment")),
                arguments("1: a breaker-looking rollback to a revision other than the previous one: not ECS's",
                        seen(deployment("PRIMARY", OTHER, "IN_PROGRESS", BREAKER_ROLLING_BACK, 3, 0, 3, 0),
                                deployment("ACTIVE", NEW, "FAILED", BREAKER_FAILED, 3, 0, 0, 3)).breakerRollsBack(),
                        new Look.ChangedOutside("service now runs " + OTHER + ", not " + NEW + ": changed outside this deployment")),
                arguments("1: judging a rollback (no previous revision named): any other PRIMARY is someone else's",
                        seen(deployment("PRIMARY", OLD, "IN_PROGRESS", BREAKER_ROLLING_BACK, 3, 0, 3, 0),
                                deployment("ACTIVE", NEW, "FAILED", BREAKER_FAILED, 3, 0, 0, 3)).breakerRollsBack().noPrevious(),
                        new Look.ChangedOutside("service now runs " + OLD + ", not " + NEW + ": changed outside this deployment")),
                arguments("1: no deployments at all",
                        seen(),
                        new Look.ChangedOutside("service no longer runs " + NEW + ": changed outside this deployment")),
                arguments("1: ours is only INACTIVE",
                        seen(deployment("INACTIVE", NEW, "COMPLETED", 3, 0, 0, 0)),
                        new Look.ChangedOutside("service no longer runs " + NEW + ": changed outside this deployment")),
                arguments("1: ours is ACTIVE with no PRIMARY listed: judged on its own",
                        seen(deployment("ACTIVE", NEW, "COMPLETED", 2, 2, 0, 0)).tasks(fresh(2)).groups(tg("web", ours("healthy", "healthy"))),
                        new Look.Healthy("2/2 running; tg web: 2 healthy; evidence: ECS rollout, load balancer targets")),

                // 2. ECS marked our rollout FAILED.
                arguments("2: rollout FAILED, no breaker rollback: Failed with ECS's reason",
                        seen(deployment("PRIMARY", NEW, "FAILED", BREAKER_FAILED, 3, 0, 0, 6)),
                        new Look.Failed("ECS rollout failed: " + BREAKER_FAILED)),
                arguments("2: rollout FAILED without a reason",
                        seen(deployment("PRIMARY", NEW, "FAILED", 3, 0, 0, 6)),
                        new Look.Failed("ECS rollout failed: no reason given")),
                arguments("2: rollout FAILED wins over unhealthy targets and crashed tasks",
                        seen(deployment("PRIMARY", NEW, "FAILED", "circuit breaker", 3, 1, 0, 6))
                                .tasks(fresh(1)).tasks(crashed(NEW, "EssentialContainerExited", "Essential container in task exited", 1),
                                        crashed(NEW, "EssentialContainerExited", "Essential container in task exited", 1))
                                .groups(tg("web", ours(F))),
                        new Look.Failed("ECS rollout failed: circuit breaker; tasks stopped: Essential container in task exited (web exit code 1)")),
                arguments("2: rollout FAILED and the breaker rolls back, before ECS lists its rollback: ECS rolls back",
                        seen(deployment("PRIMARY", NEW, "FAILED", BREAKER_FAILED, 3, 0, 0, 6), old("ACTIVE", 3)).breakerRollsBack(),
                        new Look.EcsRollingBack("ECS deployment circuit breaker rolled the service back: " + BREAKER_FAILED)),

                // 3. Tasks of the revision crash on start.
                arguments("3: two of three tasks exited: Failed, quoting the reason and the exit code",
                        seen(primary("IN_PROGRESS", 3, 1, 0, 2), old("ACTIVE", 3)).tasks(fresh(1))
                                .tasks(crashed(NEW, "EssentialContainerExited", "Essential container in task exited", 1),
                                        crashed(NEW, "EssentialContainerExited", "Essential container in task exited", 1)),
                        new Look.Failed("2 tasks of the revision stopped: Essential container in task exited (web exit code 1)")),
                arguments("3: one crash of three desired is not decisive yet",
                        seen(primary("IN_PROGRESS", 3, 1, 0, 1), old("ACTIVE", 3)).tasks(fresh(1)).tasks(previous(3))
                                .tasks(crashed(NEW, "EssentialContainerExited", "Essential container in task exited", 1))
                                .groups(tg("web", ours("healthy"), theirs("healthy", "healthy", "healthy"))),
                        new Look.Progressing("1/3 running, 1 failed; tg web: 1 healthy; other revisions: 3 running")),
                arguments("3: with one task desired, one crash is decisive",
                        seen(primary("IN_PROGRESS", 1, 0, 0, 1), old("ACTIVE", 1))
                                .tasks(crashed(NEW, "TaskFailedToStart", "CannotPullContainerError: pull image manifest has been retried 5 time(s)", null)),
                        new Look.Failed("1 task of the revision stopped: CannotPullContainerError: pull image manifest has been retried 5 time(s)")),
                arguments("3: with no stopped reason, the stop code is quoted",
                        seen(primary("IN_PROGRESS", 2, 0, 0, 2)).tasks(crashed(NEW, "TaskFailedToStart", null, null),
                                crashed(NEW, "TaskFailedToStart", null, null)),
                        new Look.Failed("2 tasks of the revision stopped: TaskFailedToStart")),
                arguments("3: different reasons: the first is quoted",
                        seen(primary("IN_PROGRESS", 2, 0, 0, 2)).tasks(crashed(NEW, "EssentialContainerExited", "Essential container in task exited", 137),
                                crashed(NEW, "TaskFailedToStart", "ResourceInitializationError: unable to pull secrets", null)),
                        new Look.Failed("2 tasks of the revision stopped: Essential container in task exited (web exit code 137)")),
                arguments("3: the container's own reason is quoted with its exit code",
                        seen(primary("IN_PROGRESS", 1, 0, 0, 1)).tasks(task(NEW, "STOPPED", List.of(), "EssentialContainerExited",
                                "Essential container in task exited", new ContainerView("web", Optional.of(255),
                                        Optional.of("CannotStartContainerError: exec /app/server: exec format error"), Optional.empty()))),
                        new Look.Failed("1 task of the revision stopped: Essential container in task exited"
                                + " (web exit code 255: CannotStartContainerError: exec /app/server: exec format error)")),
                arguments("3: a container's reason without an exit code is quoted too",
                        seen(primary("IN_PROGRESS", 1, 0, 0, 1)).tasks(task(NEW, "STOPPED", List.of(), "TaskFailedToStart",
                                "Task failed to start", new ContainerView("web", Optional.empty(),
                                        Optional.of("CannotPullContainerError: manifest unknown"), Optional.empty()))),
                        new Look.Failed("1 task of the revision stopped: Task failed to start (web: CannotPullContainerError: manifest unknown)")),
                arguments("3: with no task desired, one crash is decisive",
                        seen(primary("IN_PROGRESS", 0, 0, 0, 1)).tasks(crashed(NEW, "EssentialContainerExited", "Essential container in task exited", 2)),
                        new Look.Failed("1 task of the revision stopped: Essential container in task exited (web exit code 2)")),
                arguments("3: tasks the scheduler stopped did not crash",
                        seen(primary("IN_PROGRESS", 2, 2, 0, 0), old("ACTIVE", 1)).tasks(fresh(2))
                                .tasks(task(NEW, "STOPPED", List.of(), "ServiceSchedulerInitiated", "Scaling activity initiated by deployment"),
                                        task(NEW, "STOPPED", List.of(), "ServiceSchedulerInitiated", "Scaling activity initiated by deployment"))
                                .groups(tg("web", ours("healthy", "initial"))),
                        new Look.Progressing("2/2 running; tg web: 1 healthy, 1 initial; other revisions: 1 running")),
                arguments("3: crashed tasks of another revision do not count",
                        seen(primary("COMPLETED", 2, 2, 0, 0)).tasks(fresh(2))
                                .tasks(crashed(OLD, "EssentialContainerExited", "Essential container in task exited", 1),
                                        crashed(OLD, "EssentialContainerExited", "Essential container in task exited", 1),
                                        crashed(OTHER, "TaskFailedToStart", "CannotPullContainerError", null))
                                .groups(tg("web", ours("healthy", "healthy"))),
                        new Look.Healthy("2/2 running; tg web: 2 healthy; evidence: ECS rollout, load balancer targets")),
                arguments("3: when the breaker rolls back by itself, crashes are its to judge: progress",
                        seen(primary("IN_PROGRESS", 3, 0, 0, 2), old("ACTIVE", 3)).breakerRollsBack()
                                .tasks(crashed(NEW, "EssentialContainerExited", "Essential container in task exited", 1),
                                        crashed(NEW, "EssentialContainerExited", "Essential container in task exited", 1)),
                        new Look.Progressing("0/3 running, 2 failed; other revisions: 3 running")),

                // 4. Only the revision's own targets count.
                arguments("4: 2 of 3 own targets unhealthy",
                        seen(primary("IN_PROGRESS", 3, 3, 0, 0)).tasks(fresh(3)).groups(tg("web", ours(F, F, "healthy"))),
                        new Look.Unhealthy("2 of 3 targets unhealthy in web: Target.FailedHealthChecks")),
                arguments("4: one unhealthy own target is enough, even with the rollout COMPLETED",
                        seen(primary("COMPLETED", 4, 4, 0, 0)).tasks(fresh(4))
                                .groups(tg("web", ours("healthy", "healthy", "healthy", "unhealthy:Target.Timeout"))),
                        new Look.Unhealthy("1 of 4 targets unhealthy in web: Target.Timeout")),
                arguments("4: several reasons and groups are all named",
                        seen(primary("IN_PROGRESS", 2, 2, 0, 0)).tasks(fresh(2))
                                .groups(tg("web", ours(F, "unhealthy:Target.Timeout")), tg("admin", ours("healthy")), tg("grpc", ours("unhealthy"))),
                        new Look.Unhealthy("2 of 2 targets unhealthy in web: Target.FailedHealthChecks, Target.Timeout; "
                                + "1 of 1 targets unhealthy in grpc: no reason given")),
                arguments("4: unhealthy own targets are reported as such after the deadline too",
                        seen(primary("IN_PROGRESS", 3, 1, 0, 0)).at(LATE).tasks(fresh(1)).groups(tg("web", ours(F))),
                        new Look.Unhealthy("1 of 1 targets unhealthy in web: Target.FailedHealthChecks")),
                arguments("4: counts are of own targets only: old and other targets are not in them",
                        seen(primary("IN_PROGRESS", 2, 2, 0, 0), old("ACTIVE", 2)).tasks(fresh(2)).tasks(previous(2))
                                .groups(tg("web", ours(F, "healthy"), theirs("healthy", F), anotherService("healthy"))),
                        new Look.Unhealthy("1 of 2 targets unhealthy in web: Target.FailedHealthChecks")),
                arguments("4: an old task's unhealthy target during the rollout: progress, not unhealthy",
                        seen(primary("IN_PROGRESS", 3, 1, 2, 0), old("ACTIVE", 2)).tasks(fresh(1)).tasks(previous(2))
                                .groups(tg("web", ours("healthy"), theirs(F, "healthy"))),
                        new Look.Progressing("1/3 running, 2 pending; tg web: 1 healthy; other revisions: 2 running")),
                arguments("4: an old task's target lingering unhealthy after it stopped does not fail a healthy revision",
                        seen(primary("COMPLETED", 3, 3, 0, 0)).tasks(fresh(3))
                                .groups(tg("web", ours("healthy", "healthy", "healthy"), theirs(F, "draining"))),
                        new Look.Healthy("3/3 running; tg web: 3 healthy; evidence: ECS rollout, load balancer targets")),
                arguments("4: another service's unhealthy target in a shared group does not fail it",
                        seen(primary("COMPLETED", 2, 2, 0, 0)).tasks(fresh(2))
                                .groups(tg("shared", anotherService(F, F, F), ours("healthy", "healthy"))),
                        new Look.Healthy("2/2 running; tg shared: 2 healthy; evidence: ECS rollout, load balancer targets")),
                arguments("4: old and other services' healthy targets do not pass it",
                        seen(primary("COMPLETED", 2, 2, 0, 0)).tasks(fresh(2))
                                .groups(tg("shared", theirs("healthy", "healthy", "healthy"), anotherService("healthy", "healthy"))),
                        new Look.Progressing("2/2 running; tg shared: no targets")),
                arguments("4: the target of a stopped task of the revision does not count",
                        seen(primary("COMPLETED", 2, 2, 0, 0)).tasks(fresh(2))
                                .tasks(task(NEW, "STOPPED", List.of(new Endpoint("10.0.1.7", 0)), "ServiceSchedulerInitiated", "replaced"))
                                .groups(tg("web", ours("healthy", "healthy"), List.of(target("10.0.1.7", 8080, F)))),
                        new Look.Healthy("2/2 running; tg web: 2 healthy; evidence: ECS rollout, load balancer targets")),
                arguments("4: bridge mode: an old task's unhealthy target on the same instance, another host port, does not count",
                        seen(primary("COMPLETED", 1, 1, 0, 0))
                                .tasks(task(NEW, "RUNNING", List.of(new Endpoint("i-0aaa", 32768)), null, null),
                                        task(OLD, "RUNNING", List.of(new Endpoint("i-0aaa", 32769)), null, null))
                                .groups(tg("web", List.of(target("i-0aaa", 32768, "healthy"), target("i-0aaa", 32769, F)))),
                        new Look.Healthy("1/1 running; tg web: 1 healthy; evidence: ECS rollout, load balancer targets")),
                arguments("4: bridge mode: the new task's own instance and host port unhealthy",
                        seen(primary("COMPLETED", 1, 1, 0, 0))
                                .tasks(task(NEW, "RUNNING", List.of(new Endpoint("i-0aaa", 32768)), null, null),
                                        task(OLD, "RUNNING", List.of(new Endpoint("i-0aaa", 32769)), null, null))
                                .groups(tg("web", List.of(target("i-0aaa", 32768, F), target("i-0aaa", 32769, "healthy")))),
                        new Look.Unhealthy("1 of 1 targets unhealthy in web: Target.FailedHealthChecks")),
                arguments("4: awsvpc: the task's IP on any port (two groups, two container ports)",
                        seen(primary("COMPLETED", 1, 1, 0, 0)).tasks(fresh(1))
                                .groups(tg("web", List.of(target("10.0.1.0", 8080, "healthy"))), tg("grpc", List.of(target("10.0.1.0", 50051, "healthy")))),
                        new Look.Healthy("1/1 running; tg web: 1 healthy; tg grpc: 1 healthy; evidence: ECS rollout, load balancer targets")),

                // 4b. The containers' own health checks, when the revision declares them.
                arguments("4b: an essential container's check fails behind a healthy target: unhealthy, naming the container",
                        seen(primary("COMPLETED", 3, 3, 0, 0)).checks("web")
                                .tasks(checkedTask(0, "UNHEALTHY", "web=UNHEALTHY"), checkedTask(1, "UNHEALTHY", "web=UNHEALTHY"),
                                        checkedTask(2, "UNHEALTHY", "web=UNHEALTHY"))
                                .groups(tg("web", ours("healthy", "healthy", "healthy"))),
                        new Look.Unhealthy("container web: health check failing (3 of 3 tasks UNHEALTHY)")),
                arguments("4b: one failing task of two is enough, and each failing container is named",
                        seen(primary("IN_PROGRESS", 2, 2, 0, 0)).checks("web", "envoy")
                                .tasks(checkedTask(0, "UNHEALTHY", "web=UNHEALTHY", "envoy=UNHEALTHY"),
                                        checkedTask(1, "HEALTHY", "web=HEALTHY", "envoy=HEALTHY")),
                        new Look.Unhealthy("container web: health check failing (1 of 2 tasks UNHEALTHY); "
                                + "container envoy: health check failing (1 of 2 tasks UNHEALTHY)")),
                arguments("4b: ECS says the task is UNHEALTHY without a container's word: the task is named",
                        seen(primary("IN_PROGRESS", 1, 1, 0, 0)).checks("web").tasks(checkedTask(0, "UNHEALTHY")),
                        new Look.Unhealthy("task health check failing (1 of 1 task UNHEALTHY)")),
                arguments("4b: a container without a check reports UNKNOWN, and it is not judged",
                        seen(primary("COMPLETED", 1, 1, 0, 0)).checks("web")
                                .tasks(checkedTask(0, "HEALTHY", "web=HEALTHY", "log-router=UNKNOWN")).groups(tg("web", ours("healthy"))),
                        new Look.Healthy("1/1 running; tg web: 1 healthy; task health: 1 HEALTHY; evidence: ECS rollout, "
                                + "load balancer targets, container health checks (web)")),
                arguments("4b: UNKNOWN (the start period, no verdict yet) is progress, not failure",
                        seen(primary("COMPLETED", 2, 2, 0, 0)).checks("web")
                                .tasks(checkedTask(0, "UNKNOWN", "web=UNKNOWN"), checkedTask(1, "HEALTHY", "web=HEALTHY"))
                                .groups(tg("web", ours("healthy", "healthy"))),
                        new Look.Progressing("2/2 running; tg web: 2 healthy; task health: 1 HEALTHY, 1 UNKNOWN")),
                arguments("4b: UNKNOWN past the deadline fails on the deadline",
                        seen(primary("COMPLETED", 1, 1, 0, 0)).checks("web").at(LATE).tasks(checkedTask(0, "UNKNOWN", "web=UNKNOWN")),
                        new Look.Failed("not healthy within 5m (last: 1/1 running; task health: 1 UNKNOWN)")),
                arguments("4b: a stopped task's UNHEALTHY container is ECS's failed-task count, not a running failure",
                        seen(primary("COMPLETED", 1, 1, 0, 1)).checks("web").tasks(checkedTask(0, "HEALTHY", "web=HEALTHY"))
                                .tasks(task(NEW, "STOPPED", List.of(), "ServiceSchedulerInitiated", "Task failed container health checks",
                                        new ContainerView("web", Optional.of(137), Optional.empty(), Optional.empty(), Optional.of("UNHEALTHY")))),
                        new Look.Healthy("1/1 running, 1 failed; task health: 1 HEALTHY; evidence: ECS rollout, container health checks (web)")),
                arguments("4b: tasks ECS stopped for their container check are quoted with the container's name",
                        seen(deployment("PRIMARY", NEW, "FAILED", BREAKER_FAILED, 2, 0, 0, 3)).checks("web")
                                .tasks(task(NEW, "STOPPED", List.of(), "ServiceSchedulerInitiated", "Task failed container health checks",
                                        new ContainerView("web", Optional.of(143), Optional.empty(), Optional.empty(), Optional.of("UNHEALTHY")))),
                        new Look.Failed("ECS rollout failed: " + BREAKER_FAILED + "; tasks stopped: Task failed container health checks"
                                + " (web health check failing, exit code 143)")),
                arguments("4b: task health from the containers when ECS gives no task-level status",
                        seen(primary("COMPLETED", 1, 1, 0, 0)).checks("web").tasks(checkedTask(0, (String) null, "web=HEALTHY")),
                        new Look.Healthy("1/1 running; task health: 1 HEALTHY; evidence: ECS rollout, container health checks (web)")),

                // 5b. No load balancer and no container health check: the tasks must stay RUNNING for the settle period.
                arguments("5b: a worker whose tasks have not run for the settle period yet: progress",
                        seen(primary("COMPLETED", 2, 2, 0, 0))
                                .tasks(checkedTask(0, Duration.ofSeconds(70), null), checkedTask(1, Duration.ofSeconds(20), null)),
                        new Look.Progressing("2/2 running; settling: 1 of 2 RUNNING for 1m")),
                arguments("5b: a worker whose tasks all ran for the settle period: healthy, saying so",
                        seen(primary("COMPLETED", 2, 2, 0, 0))
                                .tasks(checkedTask(0, Duration.ofSeconds(70), null), checkedTask(1, Duration.ofSeconds(60), null)),
                        new Look.Healthy("2/2 running; evidence: ECS rollout, tasks RUNNING for 1m (no load balancer or container health check)")),
                arguments("5b: a worker with container checks is judged on them, not on time",
                        seen(primary("COMPLETED", 1, 1, 0, 0)).checks("worker")
                                .tasks(checkedTask(0, Duration.ofSeconds(5), "HEALTHY", "worker=HEALTHY")),
                        new Look.Healthy("1/1 running; task health: 1 HEALTHY; evidence: ECS rollout, container health checks (worker)")),

                // 5. Healthy.
                arguments("5: COMPLETED, all running, all own targets healthy",
                        seen(primary("COMPLETED", 3, 3, 0, 0)).tasks(fresh(3)).groups(tg("web", ours("healthy", "healthy", "healthy"))),
                        new Look.Healthy("3/3 running; tg web: 3 healthy; evidence: ECS rollout, load balancer targets")),
                arguments("5: an own target draining beside enough healthy ones is fine",
                        seen(primary("COMPLETED", 3, 3, 0, 0)).tasks(fresh(4)).groups(tg("web", ours("healthy", "healthy", "healthy", "draining"))),
                        new Look.Healthy("3/3 running; tg web: 3 healthy, 1 draining; evidence: ECS rollout, load balancer targets")),
                arguments("5: an unused port of the task is fine",
                        seen(primary("COMPLETED", 1, 1, 0, 0)).tasks(fresh(1))
                                .groups(tg("web", List.of(target("10.0.1.0", 8080, "healthy"), target("10.0.1.0", 8081, "unused")))),
                        new Look.Healthy("1/1 running; tg web: 1 healthy, 1 unused; evidence: ECS rollout, load balancer targets")),
                arguments("5: no load balancer: tasks decide",
                        seen(primary("COMPLETED", 2, 2, 0, 0)).tasks(fresh(2)),
                        new Look.Healthy("2/2 running; evidence: ECS rollout, tasks RUNNING for 1m (no load balancer or container health check)")),
                arguments("5: every target group must be healthy",
                        seen(primary("COMPLETED", 2, 2, 0, 0)).tasks(fresh(2))
                                .groups(tg("web", ours("healthy", "healthy")), tg("grpc", ours("healthy", "healthy"))),
                        new Look.Healthy("2/2 running; tg web: 2 healthy; tg grpc: 2 healthy; evidence: ECS rollout, load balancer targets")),
                arguments("5: no rolloutState and the only live deployment",
                        seen(primary(null, 2, 2, 0, 0), old("INACTIVE", 0)).tasks(fresh(2)).groups(tg("web", ours("healthy", "healthy"))),
                        new Look.Healthy("2/2 running; tg web: 2 healthy; evidence: ECS rollout, load balancer targets")),
                arguments("5: desired 0 and COMPLETED needs no targets (others' targets are not ours)",
                        seen(primary("COMPLETED", 0, 0, 0, 0)).groups(tg("web", theirs("draining", "initial"))),
                        new Look.Healthy("0/0 running; tg web: no targets; evidence: ECS rollout, load balancer targets")),
                arguments("5: healthy after the deadline is still healthy",
                        seen(primary("COMPLETED", 1, 1, 0, 0)).at(LATE).tasks(fresh(1)).groups(tg("web", ours("healthy"))),
                        new Look.Healthy("1/1 running; tg web: 1 healthy; evidence: ECS rollout, load balancer targets")),

                // 6. Past the deadline.
                arguments("6: past the deadline",
                        seen(primary("IN_PROGRESS", 3, 2, 1, 0)).at(LATE).tasks(fresh(2)).groups(tg("web", ours("healthy", "initial"))),
                        new Look.Failed("not healthy within 5m (last: 2/3 running, 1 pending; tg web: 1 healthy, 1 initial)")),
                arguments("6: past the deadline with ECS still retrying failed tasks",
                        seen(primary("IN_PROGRESS", 3, 1, 0, 4)).at(LATE).tasks(fresh(1)),
                        new Look.Failed("not healthy within 5m (last: 1/3 running, 4 failed; settling: 1 of 3 RUNNING for 1m)")),
                arguments("6: past the deadline, the step's replaced tasks say why they stopped",
                        seen(primary("COMPLETED", 1, 1, 0, 10)).checks("web").at(LATE).tasks(checkedTask(0, "UNKNOWN", "web=UNKNOWN"))
                                .tasks(task(NEW, "STOPPED", List.of(), "ServiceSchedulerInitiated", "Task failed container health checks",
                                        new ContainerView("web", Optional.of(143), Optional.empty(), Optional.empty(), Optional.of("UNHEALTHY")))),
                        new Look.Failed("not healthy within 5m (last: 1/1 running, 10 failed; task health: 1 UNKNOWN); tasks stopped:"
                                + " Task failed container health checks (web health check failing, exit code 143)")),
                arguments("6: exactly at the deadline is not past it",
                        seen(primary("IN_PROGRESS", 3, 2, 1, 0)).at(AT_DEADLINE).tasks(fresh(2)).groups(tg("web", ours("healthy", "initial"))),
                        new Look.Progressing("2/3 running, 1 pending; tg web: 1 healthy, 1 initial")),

                // 3. Only the step's own crashes count: tasks of the same revision that stopped before it began do not.
                arguments("3: crashes of the revision from before the step (ECS shows them for an hour) are not this step's",
                        seen(primary("IN_PROGRESS", 2, 0, 2, 0)).tasks(crashedEarlier(NEW, Duration.ofMinutes(40)),
                                crashedEarlier(NEW, Duration.ofMinutes(39))).groups(tg("web", ours("initial", "initial"))),
                        new Look.Progressing("0/2 running, 2 pending; tg web: no targets")),
                // 6b. ECS keeps replacing failed tasks: its count is the evidence when targets flap too fast to be seen twice.
                arguments("6b: the same count as at the look before is no new evidence",
                        seen(primary("IN_PROGRESS", 2, 0, 2, 2)).failedBefore(2).tasks(fresh(2)).groups(tg("web", ours("initial", "initial"))),
                        new Look.Progressing("0/2 running, 2 pending, 2 failed; tg web: 2 initial")),
                arguments("6b: as many failed tasks as desired count as an unhealthy look",
                        seen(primary("IN_PROGRESS", 2, 0, 2, 2)).tasks(fresh(2)).groups(tg("web", ours("initial", "initial"))),
                        new Look.Unhealthy("ECS replaced 2 failed tasks of the revision (0/2 running, 2 pending, 2 failed; tg web: 2 initial)")),
                arguments("6b: fewer failed tasks than desired are progress",
                        seen(primary("IN_PROGRESS", 3, 2, 1, 2)).tasks(fresh(2)).groups(tg("web", ours("healthy", "initial"))),
                        new Look.Progressing("2/3 running, 1 pending, 2 failed; tg web: 1 healthy, 1 initial")),
                arguments("6b: with the breaker rolling back by itself, failed tasks are ECS's to judge",
                        seen(primary("IN_PROGRESS", 2, 0, 2, 2)).breakerRollsBack().tasks(fresh(2)).groups(tg("web", ours("initial", "initial"))),
                        new Look.Progressing("0/2 running, 2 pending, 2 failed; tg web: 2 initial")),
                // 6c. As many failed tasks as ECS's circuit breaker allows (half the desired count, at least 3), and the revision
                // short of its count: decisive, breaker or not, however far apart the looks came.
                arguments("6c: three failed tasks of one desired, none running, fail the revision at once",
                        seen(primary("IN_PROGRESS", 1, 0, 1, 3)).failedBefore(3).tasks(fresh(1)),
                        new Look.Failed("ECS replaced 3 failed tasks of the revision, as many as a deployment circuit breaker allows"
                                + " (0/1 running, 1 pending, 3 failed)")),
                arguments("6c: below the breaker's threshold it is the run of unhealthy looks that decides",
                        seen(primary("IN_PROGRESS", 1, 0, 1, 2)).failedBefore(1).tasks(fresh(1)),
                        new Look.Unhealthy("ECS replaced 2 failed tasks of the revision (0/1 running, 1 pending, 2 failed)")),
                arguments("6c: the threshold is half of a large desired count",
                        seen(primary("IN_PROGRESS", 10, 4, 6, 4)).failedBefore(3).tasks(fresh(4)),
                        new Look.Progressing("4/10 running, 6 pending, 4 failed; settling: 4 of 10 RUNNING for 1m")),
                arguments("6c: failed tasks but all running now: not the breaker's case",
                        seen(primary("IN_PROGRESS", 1, 1, 0, 3)).failedBefore(3).tasks(fresh(1)),
                        new Look.Progressing("1/1 running, 3 failed; waiting for ECS to complete the rollout")),
                arguments("6c: with the breaker rolling back by itself, it is ECS's to call",
                        seen(primary("IN_PROGRESS", 1, 0, 1, 3)).breakerRollsBack().tasks(fresh(1)),
                        new Look.Progressing("0/1 running, 1 pending, 3 failed")),
                arguments("6b: a healthy revision with earlier failures is healthy",
                        seen(primary("COMPLETED", 2, 2, 0, 3)).tasks(fresh(2)).groups(tg("web", ours("healthy", "healthy"))),
                        new Look.Healthy("2/2 running, 3 failed; tg web: 2 healthy; evidence: ECS rollout, load balancer targets")),

                // 7. Not there yet.
                arguments("7: own targets still initial",
                        seen(primary("COMPLETED", 3, 3, 0, 0)).tasks(fresh(3)).groups(tg("web", ours("healthy", "healthy", "initial"))),
                        new Look.Progressing("3/3 running; tg web: 2 healthy, 1 initial")),
                arguments("7: fewer healthy own targets than desired",
                        seen(primary("COMPLETED", 3, 3, 0, 0)).tasks(fresh(3)).groups(tg("web", ours("healthy", "healthy"))),
                        new Look.Progressing("3/3 running; tg web: 2 healthy")),
                arguments("7: one group healthy, the other not yet",
                        seen(primary("COMPLETED", 1, 1, 0, 0)).tasks(fresh(1)).groups(tg("web", ours("healthy")), tg("grpc", ours("initial"))),
                        new Look.Progressing("1/1 running; tg web: 1 healthy; tg grpc: 1 initial")),
                arguments("7: fewer running than desired, the old revision still serving",
                        seen(primary("IN_PROGRESS", 3, 2, 1, 0), old("ACTIVE", 2)).tasks(fresh(2)).tasks(previous(2))
                                .groups(tg("web", ours("healthy", "initial"), theirs("healthy", "healthy"))),
                        new Look.Progressing("2/3 running, 1 pending; tg web: 1 healthy, 1 initial; other revisions: 2 running")),
                arguments("7: running more than desired while scaling in",
                        seen(primary("COMPLETED", 2, 3, 0, 0)).tasks(fresh(3)).groups(tg("web", ours("healthy", "healthy", "healthy"))),
                        new Look.Progressing("3/2 running; tg web: 3 healthy")),
                arguments("7: everything ready but ECS has not marked the rollout COMPLETED",
                        seen(primary("IN_PROGRESS", 2, 2, 0, 0), old("ACTIVE", 0)).tasks(fresh(2)).groups(tg("web", ours("healthy", "healthy"))),
                        new Look.Progressing("2/2 running; tg web: 2 healthy; waiting for ECS to complete the rollout")),
                arguments("7: no rolloutState and the old deployment is still live",
                        seen(primary(null, 2, 2, 0, 0), old("ACTIVE", 1)).tasks(fresh(2)).tasks(previous(1))
                                .groups(tg("web", ours("healthy", "healthy"), theirs("draining"))),
                        new Look.Progressing("2/2 running; tg web: 2 healthy; other revisions: 1 running")),
                arguments("7: nothing started yet",
                        seen(primary("IN_PROGRESS", 3, 0, 0, 0), old("ACTIVE", 3)).tasks(previous(3)).groups(tg("web", theirs("healthy", "healthy", "healthy"))),
                        new Look.Progressing("0/3 running; tg web: no targets; other revisions: 3 running")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void judgesByTheDocumentedRules(String rule, Seen observation, Look expected) {
        assertThat(RevisionJudge.look(observation.build(), STARTED, DEADLINE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "deadline {0}")
    @MethodSource("deadlines")
    void namesTheDeadlineForPeople(Duration deadline, String human) {
        RevisionObservation stuck = seen(primary("IN_PROGRESS", 1, 0, 1, 0)).at(STARTED.plus(deadline).plusSeconds(1)).build();

        assertThat(RevisionJudge.look(stuck, STARTED, deadline))
                .isEqualTo(new Look.Failed("not healthy within " + human + " (last: 0/1 running, 1 pending)"));
    }

    @ParameterizedTest(name = "settle {0}")
    @MethodSource("settlePeriods")
    void aWorkerSettlesForTheConfiguredPeriod(Duration settle, String expected) {
        RevisionObservation worker = seen(primary("COMPLETED", 1, 1, 0, 0))
                .tasks(checkedTask(0, Duration.ofSeconds(30), null)).build();

        assertThat(RevisionJudge.look(worker, STARTED, DEADLINE, settle).summary()).isEqualTo(expected);
    }

    static Stream<Arguments> settlePeriods() {
        return Stream.of(
                arguments(Duration.ZERO, "1/1 running; evidence: ECS rollout, tasks RUNNING for 0s (no load balancer or container health check)"),
                arguments(Duration.ofSeconds(30), "1/1 running; evidence: ECS rollout, tasks RUNNING for 30s (no load balancer or container health check)"),
                arguments(Duration.ofSeconds(31), "1/1 running; settling: 0 of 1 RUNNING for 31s"));
    }

    static Stream<Arguments> deadlines() {
        return Stream.of(
                arguments(Duration.ofSeconds(30), "30s"),
                arguments(Duration.ofSeconds(90), "1m30s"),
                arguments(Duration.ofHours(6), "6h"));
    }
}
