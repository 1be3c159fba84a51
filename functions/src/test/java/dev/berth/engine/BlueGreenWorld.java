package dev.berth.engine;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.target.TagPolicy;
import dev.berth.domain.target.Target;
import dev.berth.domain.traffic.TrafficSchedule;
import dev.berth.engine.fakes.FakeEcs;
import dev.berth.engine.fakes.InMemoryPorts;
import dev.berth.engine.fakes.LocalContext;
import dev.berth.engine.fakes.LocalStateMachine;
import dev.berth.log.DeploymentLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A blue/green pair, {@code prod/shop}: {@code shop-blue} live with two healthy tasks of {@code shop:1} behind target
 * group {@code shop-blue}, {@code shop-green} idle at 0 tasks behind {@code shop-green}, and a production listener
 * forwarding blue 100 / green 0. Pushes go through the real trigger; executions run on the real state machine definition.
 */
final class BlueGreenWorld {

    static final String CLUSTER = "prod";
    static final String PAIR = "shop";
    static final String BLUE = "shop-blue";
    static final String GREEN = "shop-green";
    static final String REPO = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web";
    static final String BLUE_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067";
    static final String GREEN_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/83e2d6bc24d8a068";
    static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
    static final String TEST_LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/a2f7dc8efc522ab3";
    static final Strategy.Rolling HEALTH = new Strategy.Rolling(Duration.ofMinutes(5), Duration.ofSeconds(10), 2);
    static final String ALARM = "shop-5xx";

    final InMemoryPorts ports = new InMemoryPorts();
    final FakeEcs ecs = ports.ecs();
    final LocalStateMachine machine = new LocalStateMachine(ports);
    final List<String> logs = new ArrayList<>();
    final String shop1;
    private final EcrPushes pushes = new EcrPushes(ports);

    BlueGreenWorld() {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("web", REPO + "@" + digest("v1"));
        shop1 = ecs.seedTaskDefinition("shop", images, Map.of("team", "shop"));
        ecs.createService(CLUSTER, BLUE, shop1, 2, List.of(BLUE_TG), false);
        ecs.createService(CLUSTER, GREEN, shop1, 0, List.of(GREEN_TG), false);
        ports.routing().create(LISTENER, weights(100, 0));
        ports.routing().create(TEST_LISTENER, weights(100, 0));
        ports.alarms().set(ALARM, "OK");
        follow(TrafficSchedule.parse("canary", 10, 60L, null, null, null), false, Optional.empty());
    }

    /** Follows shop/web's {@code v*} tags blue/green with this schedule, the alarm, a 30s final bake and a 60s termination wait. */
    void follow(TrafficSchedule traffic, boolean manualGate, Optional<String> testListener) {
        Strategy.BlueGreen strategy = new Strategy.BlueGreen(HEALTH, new Strategy.BlueGreen.ColorService(BLUE, BLUE_TG),
                new Strategy.BlueGreen.ColorService(GREEN, GREEN_TG), LISTENER, testListener, traffic, List.of(ALARM), manualGate,
                Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofSeconds(60));
        ports.targets().put(new Target(REPO, TagPolicy.parse("glob", "v*"), CLUSTER, PAIR, List.of("web"), strategy,
                ConcurrencyPolicy.SUPERSEDE));
    }

    /** Listener weights with blue first. */
    static Map<String, Integer> weights(int blue, int green) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(BLUE_TG, blue);
        weights.put(GREEN_TG, green);
        return weights;
    }

    static String digest(String tag) {
        return FakeEcs.digestOf(REPO + ":" + tag);
    }

    String push(String tag) {
        return pushes.push(REPO, tag, digest(tag), DeploymentLog.of(new LocalContext("test", logs)));
    }


    LocalStateMachine.Execution run(String deploymentId) {
        return machine.execution(deploymentId);
    }

    Deployment record(String deploymentId) {
        return ports.history().get(deploymentId);
    }

    List<String> details(String deploymentId) {
        return record(deploymentId).timeline().stream().map(e -> e.step() + ": " + e.detail()).toList();
    }

    List<String> steps(String deploymentId) {
        return record(deploymentId).timeline().stream().map(TimelineEntry::step).toList();
    }

    /** What the production listener forwards now, blue first: {@code [100, 0]}. */
    List<Integer> production() {
        Map<String, Integer> weights = ports.routing().weights(LISTENER);
        return List.of(weights.getOrDefault(BLUE_TG, 0), weights.getOrDefault(GREEN_TG, 0));
    }

    long running(String service) {
        return ecs.tasks(CLUSTER, service, false).stream().filter(dev.berth.domain.health.TaskView::isRunning).count();
    }
}
