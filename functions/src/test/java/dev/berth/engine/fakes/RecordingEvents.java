package dev.berth.engine.fakes;

import dev.berth.domain.deployment.Deployment;
import dev.berth.ports.DeploymentEvents;
import java.util.ArrayList;
import java.util.List;

/** {@link DeploymentEvents} that keeps what was published, in order. */
public final class RecordingEvents implements DeploymentEvents {

    private final List<Deployment> published = new ArrayList<>();

    @Override
    public void publish(Deployment deployment) {
        published.add(deployment);
    }

    public List<Deployment> published() {
        return List.copyOf(published);
    }

    public List<Deployment> of(String deploymentId) {
        return published.stream().filter(d -> d.id().equals(deploymentId)).toList();
    }
}
