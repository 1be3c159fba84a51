package dev.berth.sandbox.bench;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.handlers.TargetDocument;
import dev.berth.ports.DeploymentHistory;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.demo.EcsWorld;
import dev.berth.sandbox.demo.ImagePusher;
import dev.berth.sandbox.demo.ImagePusher.PushedImage;
import dev.berth.sandbox.ecs.ImageBehaviour;
import dev.berth.sandbox.faults.FaultInjector;
import dev.berth.sandbox.faults.FaultRule;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Runs a {@link ScaleShape} on a running {@link LocalBerth}: creates the services and their targets
 * (no limits, no faults: that is the team's setup, not Berth), then switches on AWS's rate limits and the
 * fault rules, pushes to every service within the shape's window, waits for every push's deployment to end,
 * checks each ended as it must, and switches limits and faults off again.
 */
public final class ScaleRun {

    /** How long setup and the deployments may take at most before the run counts as failed. */
    private static final Duration SETUP_WITHIN = Duration.ofMinutes(15);
    private static final Duration FINAL_WITHIN = Duration.ofMinutes(20);
    /** Creating services in parallel, but not so many that moto (one Python process) only queues them. */
    private static final int SETUP_THREADS = 4;
    /** The services whose APIs are both rate limited and failed on purpose. */
    private static final List<String> FAULTED = List.of("ecs", "elasticloadbalancing", "states");
    /** How each of them fails a call with a 5xx, in its own words. */
    private static final Map<String, String> SERVER_ERRORS = Map.of("ecs", "ServerException",
            "elasticloadbalancing", "InternalFailure", "states", "InternalFailure");
    private static final Set<String> TASK_FAILURES = Set.of("LambdaFunctionFailed", "LambdaFunctionTimedOut", "TaskFailed",
            "TaskTimedOut");

    private final LocalBerth berth;
    private final PrintStream progress;

    public ScaleRun(LocalBerth berth, PrintStream progress) {
        this.berth = berth;
        this.progress = progress;
    }

    private record Service(int index, String cluster, String name, String repository) {}

    private record Pushed(Service service, PushedImage image, boolean bad) {}

    public ScaleResult run(ScaleShape shape) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < shape.services(); i++) {
            services.add(new Service(i, "s" + run + "-c" + (i % shape.clusters()), "svc" + i, "scale-" + run + "/svc" + i));
        }
        Instant setupStarted = Instant.now();
        setUp(services, shape);
        Duration setup = Duration.between(setupStarted, Instant.now());
        progress.printf("  %d services in %d clusters ready in %d s%n", shape.services(), shape.clusters(), setup.toSeconds());

        FaultInjector faults = berth.sandbox().faults();
        berth.sandbox().rateLimiter().enforcePublished();
        faults.clear();
        addFaults(faults, shape.faultRatio());
        try {
            Instant started = Instant.now();
            List<String> problems = new ArrayList<>();
            List<Pushed> pushes = pushAll(services, shape, problems);
            progress.printf("  %d pushes in %d s%n", pushes.size(), Duration.between(started, Instant.now()).toSeconds());
            Map<Pushed, Deployment> finals = awaitFinal(pushes, problems);
            Duration wall = Duration.between(started, Instant.now());
            var apis = berth.sandbox().rateLimiter().calls();
            var fired = new TreeMap<>(faults.firedByApi());
            faults.clear();
            berth.sandbox().rateLimiter().off();
            return judge(shape, setup, wall, pushes, finals, apis, fired, problems);
        } finally {
            faults.clear();
            berth.sandbox().rateLimiter().off();
        }
    }

    private void setUp(List<Service> services, ScaleShape shape) throws Exception {
        EcsWorld world = berth.world();
        ImagePusher pusher = berth.pusher();
        try (ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS)) {
            List<Future<?>> created = new ArrayList<>();
            for (Service service : services) {
                created.add(pool.submit(() -> {
                    pusher.createRepository(service.repository());
                    String uri = pusher.repositoryUri(service.repository());
                    world.create(service.cluster(), service.name(), uri, "1.0.0", 1, SETUP_WITHIN);
                    berth.targets().put(new TargetDocument(uri, new TargetDocument.TagPolicyDocument("semver", ">=1.0.0"),
                            service.cluster(), service.name(), List.of(service.name()),
                            new TargetDocument.StrategyDocument("rolling", shape.deadlineSeconds(), shape.pollSeconds(), 2,
                                    shape.settleSeconds())).toTarget());
                    return null;
                }));
            }
            for (Future<?> future : created) {
                future.get();
            }
        }
    }

    /** Half of {@code ratio} as the service's throttling error, the rest as its 5xx: together {@code ratio} of calls. */
    private static void addFaults(FaultInjector faults, double ratio) {
        if (ratio == 0) {
            return;
        }
        double throttling = ratio / 2;
        double server = (ratio - throttling) / (1 - throttling); // of the calls the first rule let through
        for (String service : FAULTED) {
            String code = service.equals("elasticloadbalancing") ? "Throttling" : "ThrottlingException";
            faults.add(FaultRule.failing(service).withError(400, code).ratio(throttling));
            faults.add(FaultRule.failing(service).withError(500,
                    SERVER_ERRORS.get(service)).ratio(server));
        }
    }

    /** One push per service, spread evenly over the window, each from its own thread as separate teams' CI would. */
    private List<Pushed> pushAll(List<Service> services, ScaleShape shape, List<String> problems) throws InterruptedException {
        ImagePusher pusher = berth.pusher();
        long gapNanos = shape.pushWithin().toNanos() / services.size();
        long origin = System.nanoTime();
        List<Future<Pushed>> pushing = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Service service : services) {
                long at = origin + gapNanos * service.index();
                boolean bad = shape.isBad(service.index());
                pushing.add(threads.submit(() -> {
                    Thread.sleep(Duration.ofNanos(Math.max(0, at - System.nanoTime())));
                    ImageBehaviour behaviour = bad ? ImageBehaviour.unhealthy() : ImageBehaviour.healthy();
                    PushedImage image = pusher.push(service.repository(), "1.1.0", digest -> berth.scenario().set(digest, behaviour));
                    return new Pushed(service, image, bad);
                }));
            }
            List<Pushed> pushes = new ArrayList<>();
            for (int i = 0; i < pushing.size(); i++) {
                try {
                    pushes.add(pushing.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    // The developer's push itself failed (the sandbox too busy to answer ECR in time): not Berth's, but said.
                    problems.add(services.get(i).cluster() + "/" + services.get(i).name() + ": the push failed: " + e.getCause());
                }
            }
            return pushes;
        }
    }

    /** Waits until every push has a final record; a push with none, or with more than one, is a problem. */
    private Map<Pushed, Deployment> awaitFinal(List<Pushed> pushes, List<String> problems) throws InterruptedException {
        DeploymentHistory history = berth.history();
        Map<Pushed, Deployment> finals = new java.util.LinkedHashMap<>();
        Instant deadline = Instant.now().plus(FINAL_WITHIN);
        Instant reported = Instant.now();
        while (finals.size() < pushes.size() && Instant.now().isBefore(deadline)) {
            for (Pushed push : pushes) {
                if (finals.containsKey(push)) {
                    continue;
                }
                List<Deployment> ofDigest = ofDigest(history, push);
                if (!ofDigest.isEmpty() && ofDigest.stream().allMatch(d -> d.status().isFinal())) {
                    finals.put(push, ofDigest.getFirst());
                }
            }
            if (Duration.between(reported, Instant.now()).toSeconds() >= 30) {
                progress.printf("  %d of %d deployments final%n", finals.size(), pushes.size());
                reported = Instant.now();
            }
            Thread.sleep(1000);
        }
        for (Pushed push : pushes) {
            List<Deployment> ofDigest = ofDigest(history, push);
            if (ofDigest.size() != 1) {
                problems.add(push.service().cluster() + "/" + push.service().name() + ": " + ofDigest.size()
                        + " deployment records for its push, not 1");
            }
            if (!finals.containsKey(push)) {
                problems.add(push.service().cluster() + "/" + push.service().name() + ": no final record within " + FINAL_WITHIN);
            }
        }
        return finals;
    }

    private static List<Deployment> ofDigest(DeploymentHistory history, Pushed push) {
        return history.forService(push.service().cluster(), push.service().name(), 10).stream()
                .filter(d -> d.digest().filter(push.image().digest()::equals).isPresent()).toList();
    }

    private ScaleResult judge(ScaleShape shape, Duration setup, Duration wall, List<Pushed> pushes, Map<Pushed, Deployment> finals,
                              Map<String, dev.berth.sandbox.throttling.ApiCalls> apis, Map<String, Integer> fired,
                              List<String> problems) throws InterruptedException {
        // Read executions from moto directly: the bench's own reads are not Berth's calls, and no fault may fail them.
        SfnClient direct = SandboxClients.at(berth.sandbox().motoEndpoint(), berth.sandbox().region()).sfn();
        String machine = berth.sandbox().stateMachineArn("DeploymentStateMachine");
        String executionPrefix = machine.replace(":stateMachine:", ":execution:") + ":";
        Map<String, Long> records = new TreeMap<>();
        Map<String, Long> executions = new TreeMap<>();
        long taskRetries = 0;
        for (Pushed push : pushes) {
            Deployment deployment = finals.get(push);
            if (deployment == null) {
                continue;
            }
            String where = push.service().cluster() + "/" + push.service().name() + " (" + deployment.id() + ")";
            records.merge(deployment.status().name(), 1L, Long::sum);
            DeploymentStatus expected = push.bad() ? DeploymentStatus.ROLLED_BACK : DeploymentStatus.SUCCEEDED;
            String reason = deployment.reason().orElse("");
            if (deployment.status() != expected) {
                problems.add(where + ": " + deployment.status() + ", not " + expected + ": " + reason);
            }
            if (reason.contains("Throttl") || reason.contains("Rate exceeded") || reason.contains("injected by the Berth sandbox")) {
                problems.add(where + ": ended for throttling or an injected fault: " + reason);
            }
            DescribeExecutionResponse execution = ended(direct, executionPrefix + deployment.id());
            String status = execution.status() == ExecutionStatus.FAILED
                    ? "FAILED " + execution.error() : execution.statusAsString();
            executions.merge(status, 1L, Long::sum);
            String expectedExecution = push.bad() ? "FAILED Berth.RolledBack" : "SUCCEEDED";
            if (!status.equals(expectedExecution)) {
                problems.add(where + ": execution " + status + ", not " + expectedExecution + ": " + execution.cause());
            }
            taskRetries += direct.getExecutionHistoryPaginator(r -> r.executionArn(execution.executionArn())).events().stream()
                    .filter(event -> TASK_FAILURES.contains(event.typeAsString())).count();
        }
        return new ScaleResult(shape, setup, wall, apis, fired, records, executions, taskRetries, List.copyOf(problems));
    }

    /** The execution once it has ended: its record is written a state before its end. */
    private static DescribeExecutionResponse ended(SfnClient direct, String executionArn) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            DescribeExecutionResponse execution = direct.describeExecution(r -> r.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
                return execution;
            }
            Thread.sleep(200);
        }
    }
}
