package dev.berth.engine;

import dev.berth.domain.image.ImageReference;
import dev.berth.domain.trigger.ImagePush;
import dev.berth.engine.fakes.InMemoryPorts;
import dev.berth.log.DeploymentLog;
import java.time.Duration;

/** ECR reporting pushes through the real trigger ({@link DeploymentStarter}), for the engine's test worlds. */
final class EcrPushes {

    private final InMemoryPorts ports;
    private int pushes;

    EcrPushes(InMemoryPorts ports) {
        this.ports = ports;
    }

    /** A push of {@code repository:tag} at {@code digest}, which starts one deployment: its id. */
    String push(String repository, String tag, String digest, DeploymentLog log) {
        pushes++;
        ImagePush push = new ImagePush(ImageReference.parse(repository + ":" + tag + "@" + digest), "ecr",
                "e-" + pushes + "-" + tag, ports.clock().instant());
        PushResult result = new DeploymentStarter(ports).start(push, "ecr:123456789012", log);
        if (result.deployments().size() != 1) {
            throw new AssertionError("expected one deployment for " + tag + ", got " + result);
        }
        ports.clock().advance(Duration.ofMillis(200));
        return result.deployments().getFirst().deploymentId();
    }
}
