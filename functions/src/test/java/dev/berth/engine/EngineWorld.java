package dev.berth.engine;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.target.TagPolicy;
import dev.berth.domain.target.Target;
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

/**
 * One ECS service, {@code prod/web}, as the engine tests start from: two healthy tasks of {@code web:1}
 * (container {@code web} from shop/web by tag, an envoy sidecar) behind target group {@code web}, and a
 * target following shop/web's {@code v*} tags with a rolling strategy (10s looks, 5m deadline, 2 unhealthy
 * looks fail). Pushes go through the real trigger ({@link DeploymentStarter}); executions run on the real
 * state machine definition ({@link LocalStateMachine}).
 */
final class EngineWorld {

    static final String CLUSTER = "prod";
    static final String SERVICE = "web";
    static final String KEY = CLUSTER + "/" + SERVICE;
    static final String REPO = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web";
    static final String ENVOY = "840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.4.0-prod";
    static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
    static final Strategy.Rolling ROLLING = new Strategy.Rolling(Duration.ofMinutes(5), Duration.ofSeconds(10), 2);

    final InMemoryPorts ports = new InMemoryPorts();
    final FakeEcs ecs = ports.ecs();
    final LocalStateMachine machine = new LocalStateMachine(ports);
    final List<String> logs = new ArrayList<>();
    final String web1;
    private final EcrPushes pushes = new EcrPushes(ports);

    EngineWorld() {
        this("v1.4.2", false, ConcurrencyPolicy.SUPERSEDE, List.of("web"));
    }

    EngineWorld(String runningImage, boolean circuitBreakerRollback, ConcurrencyPolicy policy, List<String> containers) {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("web", runningImage.contains("/") ? runningImage : REPO + ":" + runningImage);
        images.put("envoy", ENVOY);
        web1 = ecs.seedTaskDefinition("web", images, Map.of("team", "shop"));
        ecs.createService(CLUSTER, SERVICE, web1, 2, List.of(TG), circuitBreakerRollback);
        follow(policy, containers);
    }

    void follow(ConcurrencyPolicy policy, List<String> containers) {
        ports.targets().put(new Target(REPO, TagPolicy.parse("glob", "v*"), CLUSTER, SERVICE, containers, ROLLING, policy));
    }

    static String digest(String tag) {
        return FakeEcs.digestOf(REPO + ":" + tag);
    }

    /** ECR reports a push of {@code tag}; the trigger records the deployment and starts its execution. Its id. */
    String push(String tag) {
        return pushes.push(REPO, tag, digest(tag), log());
    }


    LocalStateMachine.Execution run(String deploymentId) {
        return machine.execution(deploymentId);
    }

    DeploymentLog log() {
        return DeploymentLog.of(new LocalContext("test", logs));
    }

    Deployment record(String deploymentId) {
        return ports.history().get(deploymentId);
    }

    List<String> timeline(String deploymentId) {
        return record(deploymentId).timeline().stream().map(TimelineEntry::step).toList();
    }

    List<String> details(String deploymentId) {
        return record(deploymentId).timeline().stream().map(e -> e.step() + ": " + e.detail()).toList();
    }

    /** The revision the service is set to now, e.g. {@code web:2}. */
    String serviceRuns() {
        return FakeEcs.shortName(ecs.taskDefinitionOf(CLUSTER, SERVICE));
    }

    List<String> updates() {
        return ecs.calls("UpdateService");
    }

    List<String> registrations() {
        return ecs.calls("RegisterTaskDefinition");
    }

    static String arn(String shortName) {
        return "arn:aws:ecs:us-east-1:123456789012:task-definition/" + shortName;
    }
}
