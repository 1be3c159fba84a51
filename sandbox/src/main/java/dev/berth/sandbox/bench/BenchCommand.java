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
        String classpath = artifact + java.io.File.pathSeparator + benchClasses();
        List<ColdStarts> runs = coldStarts(classpath, environment, List.of(
                new Run(HelloHandler.class.getName(), check),
                new Run("dev.berth.handlers.ObserveStepHandler", check),
                new Run("dev.berth.handlers.EcrPushHandler", push)));
        ColdStarts hello = runs.get(0);
        out.printf("%nCold start, JVM start to first response, median of %d fresh JVMs each, handlers taking turns (same flags as template.yaml)%n",
                COLD_STARTS);
        out.printf("  hello-world handler                 %5d ms   (process %d ms)%n", hello.inJvm(), hello.process());
        out.printf("  ObserveStepHandler (ECS+ELB+DDB)    %5d ms   (process %d ms)   ratio %.1fx%n",
                runs.get(1).inJvm(), runs.get(1).process(), (double) runs.get(1).inJvm() / hello.inJvm());
        out.printf("  EcrPushHandler, unfollowed (DDB)    %5d ms   (process %d ms)   ratio %.1fx%n",
                runs.get(2).inJvm(), runs.get(2).process(), (double) runs.get(2).inJvm() / hello.inJvm());
        Files.deleteIfExists(check);
        Files.deleteIfExists(push);
    }

    private record Run(String handler, Path event) {}

    private record ColdStarts(long inJvm, long process) {}

    /**
     * Cold-starts each handler {@link #COLD_STARTS} times, taking turns, so a machine that gets busier or quieter
     * during the bench weighs on every handler alike; returns the medians in the order given.
     */
    private List<ColdStarts> coldStarts(String classpath, Map<String, String> environment, List<Run> runs)
            throws IOException, InterruptedException {
        List<List<Long>> inJvm = new ArrayList<>();
        List<List<Long>> process = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            inJvm.add(new ArrayList<>());
            process.add(new ArrayList<>());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < COLD_STARTS; i++) {
            for (int r = 0; r < runs.size(); r++) {
                Run run = runs.get(r);
                ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp", classpath,
                        ColdStartRunner.class.getName(), run.handler(), run.event().toString()).redirectErrorStream(true);
                builder.environment().putAll(environment);
                long started = System.nanoTime();
                Process jvm = builder.start();
                String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (jvm.waitFor() != 0 || !output.contains("cold-start-ms=")) {
                    throw new IllegalStateException(run.handler() + " failed its cold start:\n" + output);
                }
                process.get(r).add((System.nanoTime() - started) / 1_000_000);
                inJvm.get(r).add(Long.parseLong(output.replaceAll("(?s).*cold-start-ms=(\\d+).*", "$1")));
            }
        }
        List<ColdStarts> medians = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            medians.add(new ColdStarts(median(inJvm.get(r)), median(process.get(r))));
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
