package dev.berth.sandbox.cli;

import dev.berth.domain.deployment.Deployment;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.demo.BlueGreenPair;
import dev.berth.sandbox.demo.ImagePusher.PushedImage;
import dev.berth.sandbox.ecs.ImageBehaviour;
import dev.berth.workflow.BlueGreenSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The demo's blue/green part: a pair {@code demo/api} (services api-blue and api-green behind one ALB listener) follows
 * {@code shop/api} with a canary (20% for 6 s) watched by a CloudWatch alarm. A healthy push shifts traffic to green
 * while the listener's weights are shown live; a second push is rolled back when the alarm goes off at its canary.
 */
final class BlueGreenDemo {

    static final String REPOSITORY = "shop/api";
    static final String ALARM = "api-5xx";
    private static final Duration WITHIN = Duration.ofSeconds(120);

    private final LocalBerth berth;
    private final PrintStream out;
    private BlueGreenPair pair;

    BlueGreenDemo(LocalBerth berth, PrintStream out) {
        this.berth = berth;
        this.out = out;
    }

    /** Builds the pair, its alarm and its target. */
    void setUp() {
        berth.pusher().createRepository(REPOSITORY);
        String repositoryUri = berth.pusher().repositoryUri(REPOSITORY);
        pair = berth.world().createBlueGreen("demo", "api", repositoryUri, "1.0.0", 2, WITHIN);
        berth.world().createAlarm(ALARM);
        berth.targets().put(pair.target(repositoryUri, pair.settings(new BlueGreenSettings.TrafficDocument("canary", 20, 6L, null,
                null, null), List.of(ALARM), false, null, 2L, 2L)));
        out.printf("%n  blue/green pair demo/api: %s (2 tasks, 100%% of traffic) and %s (0 tasks) behind one ALB listener%n",
                pair.blueService(), pair.greenService());
        out.printf("  target: %s, semver >=1.0.0 -> demo/api, blue-green canary 20%% for 6s, alarm %s%n", REPOSITORY, ALARM);
    }

    /** A healthy push: the canary bakes, then all traffic moves to the new color. */
    Deployment canary() {
        return deploy("2.0.0", "a healthy image, canary 20% then all", () -> {});
    }

    /** A push whose canary sets the alarm off: traffic goes back to the live color. */
    Deployment alarmAtCanary() {
        Deployment done = deploy("2.1.0", "an image whose canary sets off " + ALARM, () -> alarm(StateValue.ALARM));
        alarm(StateValue.OK);
        return done;
    }

    /** The pair ended whole: one color with all the traffic. */
    boolean whole() {
        Map<String, Integer> weights = berth.traffic().weights(pair.listenerArn());
        return weights.values().stream().filter(w -> w > 0).count() == 1;
    }

    /**
     * Pushes {@code tag} and follows its deployment, showing the listener's weights each time they change; {@code atCanary}
     * runs once the new color first gets traffic.
     */
    private Deployment deploy(String tag, String what, Runnable atCanary) {
        out.println();
        Instant started = Instant.now();
        PushedImage image = berth.pusher().push(REPOSITORY, tag, digest -> berth.scenario().set(digest, ImageBehaviour.healthy()));
        out.printf("> ecr put-image %s:%s (%s), digest %s%n", REPOSITORY, tag, what, image.digest().substring(0, 19));
        AtomicBoolean done = new AtomicBoolean();
        Thread weights = Thread.ofVirtual().start(() -> showWeights(started, done, atCanary));
        try {
            Deployment finished = berth.watcher().awaitFinal(pair.cluster(), pair.name(), image.digest(), WITHIN,
                    entry -> out.printf("  %5.1fs  %-28s %s%n", seconds(started), entry.step(), entry.detail()));
            out.printf("  => %s (%s)%n", finished.status(), finished.reason().orElse(""));
            return finished;
        } finally {
            done.set(true);
            try {
                weights.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The live view: a bar of the listener's weights, printed when they change. */
    private void showWeights(Instant started, AtomicBoolean done, Runnable atCanary) {
        String last = "";
        boolean canaryReached = false;
        while (!done.get()) {
            Map<String, Integer> weights = berth.traffic().weights(pair.listenerArn());
            int blue = weights.getOrDefault(pair.blueTargetGroupArn(), 0);
            int green = weights.getOrDefault(pair.greenTargetGroupArn(), 0);
            int total = Math.max(1, blue + green);
            int bluePercent = Math.round(100f * blue / total);
            String bar = "  %5.1fs  weights  blue %3d%% %s|%s %3d%% green".formatted(seconds(started), bluePercent,
                    "#".repeat(bluePercent / 5), "=".repeat((100 - bluePercent) / 5), 100 - bluePercent);
            String now = bluePercent + "/" + (100 - bluePercent);
            if (!now.equals(last)) {
                out.println(bar);
                if (!last.isEmpty() && !canaryReached && bluePercent != 0 && bluePercent != 100) {
                    canaryReached = true;
                    atCanary.run();
                }
                last = now;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void alarm(StateValue state) {
        berth.world().setAlarm(ALARM, state);
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
