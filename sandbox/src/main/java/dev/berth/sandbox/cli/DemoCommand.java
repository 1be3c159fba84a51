package dev.berth.sandbox.cli;

import dev.berth.domain.deployment.Deployment;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SandboxOptions;
import dev.berth.sandbox.demo.DemoService;
import dev.berth.sandbox.demo.HistoryTable;
import dev.berth.sandbox.demo.ImagePusher;
import dev.berth.sandbox.demo.ImagePusher.PushedImage;
import dev.berth.sandbox.ecs.ImageBehaviour;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code ./berth demo}: Berth on its local sandbox, end to end. A service runs behind an ALB; a
 * healthy image is pushed and deployed; a bad one is pushed, fails its health checks, and is rolled
 * back; a wrong-architecture one stops in pre-flight; then a blue/green pair shifts a canary to its idle
 * color, and rolls the next canary back when an alarm goes off ({@link BlueGreenDemo}); the history is printed.
 */
final class DemoCommand {

    private static final String REPOSITORY = "shop/web";
    private static final Duration WITHIN = Duration.ofSeconds(120);

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    int run(SandboxOptions options) {
        out.println("Berth demo: push-to-deploy on a local sandbox (moto + DynamoDB Local + simulated ECS), no AWS account.");
        Instant started = Instant.now();
        try (LocalBerth berth = LocalBerth.start(options, LocalBerth.Pace.demo())) {
            out.printf("  sandbox up in %.1fs at %s (logs in %s)%n", seconds(started), berth.sandbox().endpoint(), berth.sandbox().logDir());
            ImagePusher pusher = berth.pusher();
            pusher.createRepository(REPOSITORY);
            DemoService service = berth.world().create("demo", "web", pusher.repositoryUri(REPOSITORY), "1.0.0", 2, WITHIN);
            out.printf("  ECS cluster demo, service web: 2 Fargate tasks of %s:1.0.0 behind an ALB%n", REPOSITORY);
            try (InputStream targets = DemoCommand.class.getResourceAsStream("/demo/targets.json")) {
                int count = berth.seedTargets(targets);
                out.printf("  %d target seeded from demo/targets.json: %s, semver >=1.0.0 -> demo/web, rolling%n", count, REPOSITORY);
            }

            Deployment first = deploy(berth, service, "1.1.0", ImageBehaviour.healthy(), "a healthy image");
            Deployment second = deploy(berth, service, "1.2.0", ImageBehaviour.unhealthy(), "an image whose health checks fail");
            Deployment third = deploy(berth, service, "1.3.0", "linux/arm64", ImageBehaviour.healthy(),
                    "built on an arm64 laptop, for an X86_64 service");

            BlueGreenDemo blueGreen = new BlueGreenDemo(berth, out);
            blueGreen.setUp();
            Deployment canary = blueGreen.canary();
            Deployment alarmed = blueGreen.alarmAtCanary();

            out.println();
            out.println("History of demo/web, newest first:");
            out.print(HistoryTable.render(berth.history().forService(service.cluster(), service.service(), 10)));
            out.println("History of demo/api (blue/green), newest first:");
            out.print(HistoryTable.render(berth.history().forService("demo", "api", 10)));
            boolean asExpected = first.status().name().equals("SUCCEEDED") && second.status().name().equals("ROLLED_BACK")
                    && third.status().name().equals("FAILED") && third.newTaskDefinitionArn().isEmpty()
                    && canary.status().name().equals("SUCCEEDED") && alarmed.status().name().equals("ROLLED_BACK") && blueGreen.whole();
            out.println();
            out.println(asExpected
                    ? "Done: the healthy push deployed, the bad push was rolled back to the revision that was serving,"
                    + " the wrong-architecture push was stopped by the pre-flight before anything changed, the canary moved"
                    + " demo/api to green, and the alarm at the next canary put all traffic back on green."
                    : "Unexpected outcome: see the history above and the logs in " + berth.sandbox().logDir());
            return asExpected ? 0 : 1;
        } catch (java.io.IOException | IllegalStateException e) {
            out.println("demo failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Pushes {@code tag} to ECR as an image that behaves as told, and follows the deployment ECR's event
     * started: ECR -> EventBridge -> EcrPushFunction -> the state machine, as in AWS.
     */
    private Deployment deploy(LocalBerth berth, DemoService service, String tag, ImageBehaviour behaviour, String what) {
        return deploy(berth, service, tag, "linux/amd64", behaviour, what);
    }

    /** As {@link #deploy(LocalBerth, DemoService, String, ImageBehaviour, String)}, of an image built for {@code platform}. */
    private Deployment deploy(LocalBerth berth, DemoService service, String tag, String platform, ImageBehaviour behaviour,
                              String what) {
        out.println();
        Instant started = Instant.now();
        PushedImage image = berth.pusher().push(REPOSITORY, tag, platform, digest -> berth.scenario().set(digest, behaviour));
        out.printf("> ecr put-image %s:%s (%s), digest %s%n", REPOSITORY, tag, what, image.digest().substring(0, 19));
        Deployment done = berth.watcher().awaitFinal(service.cluster(), service.service(), image.digest(), WITHIN,
                entry -> out.printf("  %5.1fs  %-28s %s%n", seconds(started), entry.step(), entry.detail()));
        out.printf("  => %s (%s)%n", done.status(), done.reason().orElse(""));
        return done;
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
