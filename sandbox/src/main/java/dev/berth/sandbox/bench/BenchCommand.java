package dev.berth.sandbox.bench;

import dev.berth.domain.deployment.Deployment;
import dev.berth.json.Json;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.SandboxOptions;
import dev.berth.sandbox.demo.DemoService;
import dev.berth.sandbox.demo.ImagePusher;
import dev.berth.sandbox.demo.ImagePusher.PushedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./berth bench}: the budgets QUALITY.md asks for, measured on the sandbox. The Lambda
 * artifact's size; the cold start of the heaviest handler (fresh JVM, class load, construction, one
 * invocation with its real SDK calls against the sandbox) next to a hello-world handler run the same
 * way; and the state transitions and AWS API calls of one healthy rolling deployment, and of blue/green
 * deployments per traffic schedule and bake length ({@link BlueGreenBench}).
 */
public final class BenchCommand {

    private static final int COLD_STARTS = 5;
    private static final Duration WITHIN = Duration.ofSeconds(120);

    private final PrintStream out;
    private final Path projectRoot;

    public BenchCommand(PrintStream out, Path projectRoot) {
        this.out = out;
        this.projectRoot = projectRoot;
    }

    public int run(SandboxOptions options) throws IOException, InterruptedException {
        Path artifact = lambdaArtifact();
        out.printf("Lambda artifact   %s: %.1f MB%n", projectRoot.relativize(artifact), Files.size(artifact) / 1e6);
        try (LocalBerth berth = LocalBerth.start(options, LocalBerth.Pace.demo())) {
            ImagePusher pusher = berth.pusher();
            pusher.createRepository("shop/web");
            DemoService service = berth.world().create("demo", "web", pusher.repositoryUri("shop/web"), "1.0.0", 2, WITHIN);
            try (InputStream targets = BenchCommand.class.getResourceAsStream("/demo/targets.json")) {
                berth.seedTargets(targets);
            }
            Deployment deployment = measureDeployment(berth, pusher);
            new BlueGreenBench(berth, out).run();
            measureColdStarts(berth, artifact, service, deployment);
        }
        return 0;
    }

    private Deployment measureDeployment(LocalBerth berth, ImagePusher pusher) throws InterruptedException {
        DeploymentCost cost = DeploymentCost.of(berth, () -> pusher.push("shop/web", "1.1.0"));
        out.printf("%nOne healthy rolling deployment (%s, 1.1.0, 2 tasks, poll every 1 s)%n", cost.deployment().status());
        out.printf("  state transitions   %d%n", cost.transitions());
        out.printf("  Lambda invocations  %d (the trigger, and the engine's steps: %s)%n", cost.invocations(), cost.invocationsByFunction());
        out.printf("  AWS API calls       %d in all%n", cost.totalCalls());
        cost.calls().forEach((call, count) -> out.printf("    %-40s %d%n", call, count));
        return cost.deployment();
    }

    private void measureColdStarts(LocalBerth berth, Path artifact, DemoService service, Deployment deployment)
            throws IOException, InterruptedException {
        // One look at a rollout, as the state machine asks ObserveStepFunction every poll of every deployment.
        Path check = Files.createTempFile("berth-bench-look", ".json");
        Files.writeString(check, """
                {"deploymentId": "%s", "cluster": "%s", "service": "%s",
                 "strategy": {"name": "rolling", "healthDeadlineSeconds": 600, "pollIntervalSeconds": 15, "failureThreshold": 2,
                              "concurrencyPolicy": "supersede"},
                 "revisions": {"previous": "%s", "next": "%s", "rollback": "%s"},
                 "step": {"phase": "FORWARD", "index": 0, "name": "Roll the service out to the new revision", "startedAt": "%s",
                          "waitSeconds": 15, "unhealthyLooks": 0, "summary": "", "next": "OBSERVE", "outcome": "", "reason": "",
                          "rollbackCause": ""}}"""
                .formatted(deployment.id(), service.cluster(), service.service(), deployment.previousTaskDefinitionArn().orElseThrow(),
                        deployment.newTaskDefinitionArn().orElseThrow(), deployment.rollbackTaskDefinitionArn().orElseThrow(),
                        Instant.now()), StandardCharsets.UTF_8);
        // Every ECR push in the account reaches EcrPushFunction; most are of repositories no target follows.
        Path push = Files.createTempFile("berth-bench-push", ".json");
        Files.writeString(push, """
                {"version": "0", "id": "bench-unfollowed-push", "detail-type": "ECR Image Action", "source": "aws.ecr",
                 "account": "%s", "time": "%s", "region": "%s", "resources": [],
                 "detail": {"result": "SUCCESS", "repository-name": "bench/unfollowed", "action-type": "PUSH",
                            "image-digest": "sha256:%s", "image-tag": "1.0.0"}}"""
                .formatted(berth.sandbox().accountId(), Instant.now(), berth.sandbox().region(), "0".repeat(64)),
                StandardCharsets.UTF_8);
        Map<String, String> environment = new LinkedHashMap<>(SandboxClients.environment(berth.sandbox().endpoint(), berth.sandbox().region()));
        environment.put("DEPLOYMENTS_TABLE", berth.sandbox().tableName("DeploymentsTable"));
        environment.put("TARGETS_TABLE", berth.sandbox().tableName("TargetsTable"));
        environment.put("LEASES_TABLE", berth.sandbox().tableName("LeasesTable"));
        environment.put("STATE_MACHINE_ARN", berth.sandbox().stateMachineArn("DeploymentStateMachine"));
        environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        String berthClasspath = artifact + java.io.File.pathSeparator + benchClasses();
        String baselineClasspath = baselineClasspath();
        String observe = "dev.berth.handlers.ObserveStepHandler";
        String ecrPush = "dev.berth.handlers.EcrPushHandler";
        List<ColdStarts> runs = coldStarts(environment, List.of(
                new Run(HelloHandler.class.getName(), check, berthClasspath, false),
                new Run(observe, check, berthClasspath, false),
                new Run(BaselineObserveHandler.class.getName(), check, baselineClasspath, false),
                new Run(ecrPush, push, berthClasspath, false),
                new Run(BaselineEcrPushHandler.class.getName(), push, baselineClasspath, false),
                new Run(observe, check, berthClasspath, true),
                new Run(ecrPush, push, berthClasspath, true)));
        ColdStarts hello = runs.get(0);
        out.printf("%nOn-demand cold start, JVM start to first response, median of %d fresh JVMs each, taking turns (template.yaml's flags)%n",
                COLD_STARTS);
        out.printf("  hello-world handler                 %5d ms%n", hello.inJvm());
        coldStartLine("ObserveStepHandler (ECS+ELB+DDB)", runs.get(1), hello, runs.get(2));
        coldStartLine("EcrPushHandler, unfollowed (DDB)", runs.get(3), hello, runs.get(4));
        out.printf("  (baseline: the same SDK calls written the SDK's default way: XxxClient.create(), Apache HTTP client,%n"
                + "   default credential chain and region lookup, a plain ObjectMapper; BaselineObserveHandler, BaselineEcrPushHandler)%n");
        out.printf("%nAfter init, the first request alone (what a SnapStart restore still does), median of %d%n", COLD_STARTS);
        out.printf("  %-30s %10s %10s %12s%n", "", "unprimed", "primed", "2nd request");
        out.printf("  %-30s %7d ms %7d ms %9d ms%n", "ObserveStepHandler", runs.get(1).firstRequest(), runs.get(5).firstRequest(),
                runs.get(5).secondRequest());
        out.printf("  %-30s %7d ms %7d ms %9d ms%n", "EcrPushHandler, unfollowed", runs.get(3).firstRequest(), runs.get(6).firstRequest(),
                runs.get(6).secondRequest());
        out.printf("  (2nd request: the same calls again on loaded code, i.e. what the sandbox's answers cost on their own)%n");
        Map<String, Integer> berthClasses = classLoads(environment, new Run(observe, check, berthClasspath, false));
        Map<String, Integer> baselineClasses = classLoads(environment, new Run(BaselineObserveHandler.class.getName(), check,
                baselineClasspath, false));
        out.printf("%nClasses an ObserveStep cold start loads, by library (-Xlog:class+load)%n");
        out.printf("  %-40s %8s %10s%n", "", "Berth", "baseline");
        berthClasses.forEach((group, count) -> out.printf("  %-40s %8d %10d%n", group, count, baselineClasses.getOrDefault(group, 0)));
        out.printf("  %-40s %8d %10d%n", "in all", berthClasses.values().stream().mapToInt(Integer::intValue).sum(),
                baselineClasses.values().stream().mapToInt(Integer::intValue).sum());
        Files.deleteIfExists(check);
        Files.deleteIfExists(push);
    }

    /** One more cold start of {@code run}, logging every class the JVM loads: counted by library. */
    private Map<String, Integer> classLoads(Map<String, String> environment, Run run) throws IOException, InterruptedException {
        Path log = Files.createTempFile("berth-bench-classes", ".log");
        try {
            launch(run, environment, List.of("-Xlog:class+load:file=" + log));
            return ClassLoadBreakdown.of(log);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs {@code run}'s handler once in a fresh JVM ({@link ColdStartRunner}); returns what it printed. */
    private static String launch(Run run, Map<String, String> environment, List<String> jvmFlags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", run.classpath(), ColdStartRunner.class.getName(), run.handler(), run.event().toString()));
        if (run.primed()) {
            command.add("--prime");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process jvm = builder.start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jvm.waitFor() != 0 || !output.contains("cold-start-ms=")) {
            throw new IllegalStateException(run.handler() + " failed its cold start:\n" + output);
        }
        return output;
    }

    private void coldStartLine(String name, ColdStarts berth, ColdStarts hello, ColdStarts baseline) {
        out.printf("  %-34s %5d ms   %4.1fx hello-world   %4.2fx baseline (%d ms)%n", name, berth.inJvm(),
                (double) berth.inJvm() / hello.inJvm(), (double) berth.inJvm() / baseline.inJvm(), baseline.inJvm());
    }

    /**
     * The baseline handlers' class path: the sandbox's own classes and, of the libraries the launcher ships, the SDK
     * (with its default Apache HTTP client), Jackson and the Lambda interfaces, as a function written with the SDK's
     * defaults would package them. Not the emulators' jars: a longer class path would slow the baseline unfairly.
     */
    private String baselineClasspath() throws IOException {
        Path lib = projectRoot.resolve("sandbox/target/lib");
        List<String> jars = new ArrayList<>(List.of(benchClasses()));
        try (var files = Files.list(lib)) {
            files.filter(jar -> BASELINE_LIBRARIES.stream().anyMatch(jar.getFileName().toString()::startsWith))
                    .sorted().forEach(jar -> jars.add(jar.toString()));
        }
        return String.join(java.io.File.pathSeparator, jars);
    }

    private static final List<String> BASELINE_LIBRARIES = List.of("annotations-", "apache-client-", "auth-", "aws-core-",
            "aws-json-protocol-", "aws-query-protocol-", "checksums", "crt-core-", "dynamodb-2", "ecs-", "elasticloadbalancingv2-",
            "endpoints-spi-", "http-auth", "http-client-spi-", "identity-spi-", "json-utils-", "metrics-spi-", "profiles-",
            "protocol-core-", "regions-", "retries", "sdk-core-", "third-party-jackson-core-", "utils-", "httpclient-",
            "httpcore-", "commons-codec-", "commons-logging-", "jackson-", "aws-lambda-java-core-", "reactive-streams-",
            "slf4j-api-", "crac-");

    /** One handler's cold start: its class path, and whether its SnapStart hook runs before the request. */
    private record Run(String handler, Path event, String classpath, boolean primed) {}

    private record ColdStarts(long inJvm, long firstRequest, long secondRequest) {}

    /**
     * Cold-starts each run {@link #COLD_STARTS} times, taking turns, so a machine that gets busier or quieter
     * during the bench weighs on every handler alike; returns the medians in the order given.
     */
    private List<ColdStarts> coldStarts(Map<String, String> environment, List<Run> runs) throws IOException, InterruptedException {
        List<List<Long>> inJvm = new ArrayList<>();
        List<List<Long>> firstRequest = new ArrayList<>();
        List<List<Long>> secondRequest = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            inJvm.add(new ArrayList<>());
            firstRequest.add(new ArrayList<>());
            secondRequest.add(new ArrayList<>());
        }
        for (int i = 0; i < COLD_STARTS; i++) {
            for (int r = 0; r < runs.size(); r++) {
                String output = launch(runs.get(r), environment, List.of());
                inJvm.get(r).add(Long.parseLong(output.replaceAll("(?s).*cold-start-ms=(\\d+).*", "$1")));
                firstRequest.get(r).add(Long.parseLong(output.replaceAll("(?s).*first-request-ms=(\\d+).*", "$1")));
                secondRequest.get(r).add(Long.parseLong(output.replaceAll("(?s).*second-request-ms=(\\d+).*", "$1")));
            }
        }
        List<ColdStarts> medians = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            medians.add(new ColdStarts(median(inJvm.get(r)), median(firstRequest.get(r)), median(secondRequest.get(r))));
        }
        return medians;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private Path lambdaArtifact() {
        Path jar = projectRoot.resolve("functions/target/berth-functions-lambda.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no Lambda artifact at " + jar + ": run ./berth build");
        }
        return jar;
    }

    /** Where ColdStartRunner and HelloHandler were loaded from (the sandbox jar, or its classes folder). */
    private static String benchClasses() {
        try {
            return Path.of(ColdStartRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
