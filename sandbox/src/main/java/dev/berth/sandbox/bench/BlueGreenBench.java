package dev.berth.sandbox.bench;

import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.demo.BlueGreenPair;
import dev.berth.sandbox.ecs.ImageBehaviour;
import dev.berth.workflow.BlueGreenSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The cost of blue/green per traffic schedule, on one pair: state transitions, Lambda invocations and AWS API calls
 * of one healthy deployment each, the same canary at two bake lengths (what a longer bake adds), and how long it
 * takes from an alarm going off at a canary to all traffic back on the old color.
 */
final class BlueGreenBench {

    private static final String REPOSITORY = "bench/api";
    private static final String ALARM = "bench-api-5xx";
    private static final Duration WITHIN = Duration.ofSeconds(120);

    private final LocalBerth berth;
    private final PrintStream out;
    private BlueGreenPair pair;
    private int pushes;

    BlueGreenBench(LocalBerth berth, PrintStream out) {
        this.berth = berth;
        this.out = out;
    }

    private record Case(String label, BlueGreenSettings.TrafficDocument traffic) {}

    void run() throws InterruptedException {
        berth.pusher().createRepository(REPOSITORY);
        pair = berth.world().createBlueGreen("bench", "api", berth.pusher().repositoryUri(REPOSITORY), "1.0.0", 2, WITHIN);
        berth.world().createAlarm(ALARM);
        List<Case> cases = List.of(
                new Case("all-at-once", traffic("all-at-once", null, null, null, null, null)),
                new Case("canary 10% for 4s", traffic("canary", 10, 4L, null, null, null)),
                new Case("canary 10% for 8s", traffic("canary", 10, 8L, null, null, null)),
                new Case("linear +25% every 4s", traffic("linear", null, null, 25, 4L, null)),
                new Case("steps 5%, 25%, 50% for 4s each", traffic("steps", null, null, null, null, List.of(
                        new BlueGreenSettings.TrafficStepDocument(5, 4L, null), new BlueGreenSettings.TrafficStepDocument(25, 4L, null),
                        new BlueGreenSettings.TrafficStepDocument(50, 4L, null)))));
        out.printf("%nBlue/green, one healthy deployment per schedule (2 tasks, poll every 1 s, no final bake or termination wait)%n");
        out.printf("  %-32s %11s %11s %9s %7s%n", "schedule", "transitions", "invocations", "API calls", "took");
        DeploymentCost shortBake = null;
        DeploymentCost longBake = null;
        for (Case c : cases) {
            follow(c.traffic(), 30L);
            DeploymentCost cost = DeploymentCost.of(berth, this::push);
            if (!cost.deployment().status().name().equals("SUCCEEDED")) {
                throw new IllegalStateException(c.label() + " ended " + cost.deployment().status() + ": " + cost.deployment().reason().orElse(""));
            }
            out.printf("  %-32s %11d %11d %9d %6.1fs%n", c.label(), cost.transitions(), cost.invocations(), cost.totalCalls(),
                    cost.took().toMillis() / 1000.0);
            shortBake = c.label().equals("canary 10% for 4s") ? cost : shortBake;
            longBake = c.label().equals("canary 10% for 8s") ? cost : longBake;
        }
        if (shortBake != null && longBake != null) {
            out.printf("  4 s more bake: +%d transitions, +%d invocations, +%d API calls (one look a second: %s)%n",
                    longBake.transitions() - shortBake.transitions(), longBake.invocations() - shortBake.invocations(),
                    longBake.totalCalls() - shortBake.totalCalls(), perLook(shortBake, longBake));
        }
        alarmToOld();
    }

    /** The calls a longer bake added, by API: what one look at a baking canary costs. */
    private static String perLook(DeploymentCost shorter, DeploymentCost longer) {
        StringBuilder text = new StringBuilder();
        longer.calls().forEach((call, count) -> {
            long more = count - shorter.calls().getOrDefault(call, 0L);
            if (more > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(call).append(" +").append(more);
            }
        });
        return text.toString();
    }

    /** An alarm goes off at a 10% canary: how long until the listener sends everything to the old color again. */
    private void alarmToOld() throws InterruptedException {
        follow(traffic("canary", 10, 60L, null, null, null), 30L);
        Map<String, Integer> before = berth.traffic().weights(pair.listenerArn());
        String oldGroup = before.getOrDefault(pair.blueTargetGroupArn(), 0) > 0 ? pair.blueTargetGroupArn() : pair.greenTargetGroupArn();
        push();
        Instant deadline = Instant.now().plus(WITHIN);
        while (berth.traffic().weights(pair.listenerArn()).getOrDefault(oldGroup, 0) == 100) {
            pause(deadline, "the canary never started");
        }
        Instant alarmed = Instant.now();
        alarm(StateValue.ALARM);
        while (berth.traffic().weights(pair.listenerArn()).values().stream().filter(w -> w > 0).count() != 1
                || berth.traffic().weights(pair.listenerArn()).getOrDefault(oldGroup, 0) == 0) {
            pause(deadline, "traffic never went back to the old color");
        }
        Duration back = Duration.between(alarmed, Instant.now());
        alarm(StateValue.OK);
        out.printf("  alarm in ALARM at a 10%% canary -> 100%% back on the old color: %.1f s (poll every 1 s; the sandbox's"
                + " data plane runs 20x, the engine in real time)%n", back.toMillis() / 1000.0);
    }

    private void follow(BlueGreenSettings.TrafficDocument traffic, long gateTimeoutSeconds) {
        berth.targets().put(pair.target(berth.pusher().repositoryUri(REPOSITORY),
                pair.settings(traffic, List.of(ALARM), false, gateTimeoutSeconds, 0L, 0L)));
    }

    private dev.berth.sandbox.demo.ImagePusher.PushedImage push() {
        pushes++;
        return berth.pusher().push(REPOSITORY, "1." + pushes + ".0", digest -> berth.scenario().set(digest, ImageBehaviour.healthy()));
    }

    private void alarm(StateValue state) {
        berth.world().setAlarm(ALARM, state);
    }

    private static BlueGreenSettings.TrafficDocument traffic(String kind, Integer weight, Long bake, Integer step, Long interval,
                                                             List<BlueGreenSettings.TrafficStepDocument> steps) {
        return new BlueGreenSettings.TrafficDocument(kind, weight, bake, step, interval, steps);
    }

    private static void pause(Instant deadline, String failure) throws InterruptedException {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(failure);
        }
        Thread.sleep(50);
    }
}
