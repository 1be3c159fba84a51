package dev.berth.sandbox.demo;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.ports.DeploymentHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Follows a deployment's history record until it is final, reporting each new timeline entry as it appears. */
public final class DeploymentWatcher {

    private final DeploymentHistory history;

    public DeploymentWatcher(DeploymentHistory history) {
        this.history = history;
    }

    public Deployment awaitFinal(String deploymentId, Duration within, Consumer<TimelineEntry> progress) {
        Instant deadline = Instant.now().plus(within);
        int reported = 0;
        while (true) {
            Optional<Deployment> current = history.find(deploymentId);
            if (current.isPresent()) {
                Deployment d = current.get();
                for (int i = reported; i < d.timeline().size(); i++) {
                    progress.accept(d.timeline().get(i));
                }
                reported = d.timeline().size();
                if (d.status().isFinal()) {
                    return d;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("deployment " + deploymentId + " not final within " + within
                        + (current.map(d -> ": " + d.status() + " " + d.reason().orElse("")).orElse(": no record")));
            }
            EcsWorld.sleep(Duration.ofMillis(200));
        }
    }
}
