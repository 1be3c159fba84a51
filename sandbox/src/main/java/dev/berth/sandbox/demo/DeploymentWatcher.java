package dev.berth.sandbox.demo;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.ports.DeploymentHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches the deployment history: finds the deployment a push started (by the service and the pushed
 * digest, through the {@code byService} index), and follows a record until it is final, reporting each
 * new timeline entry as it appears.
 */
public final class DeploymentWatcher {

    /** How far back a service's history is searched for a push's deployment. */
    private static final int SEARCHED = 20;

    private final DeploymentHistory history;

    public DeploymentWatcher(DeploymentHistory history) {
        this.history = history;
    }

    /**
     * Waits until the service has a deployment of {@code digest} and returns it (the newest, if several):
     * what a push of that digest started once ECR's event reached Berth through EventBridge.
     */
    public Deployment awaitStarted(String cluster, String service, String digest, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Optional<Deployment> started = history.forService(cluster, service, SEARCHED).stream()
                    .filter(d -> d.digest().filter(digest::equals).isPresent())
                    .findFirst();
            if (started.isPresent()) {
                return started.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no deployment of " + digest + " on " + cluster + "/" + service + " within "
                        + within + ": see eventbridge.log and lambda.log in the sandbox's logs for what became of the push");
            }
            EcsWorld.sleep(Duration.ofMillis(100));
        }
    }

    /** {@link #awaitStarted}, then {@link #awaitFinal(String, Duration, Consumer)} on it, both within {@code within}. */
    public Deployment awaitFinal(String cluster, String service, String digest, Duration within,
                                 Consumer<TimelineEntry> progress) {
        Instant started = Instant.now();
        Deployment deployment = awaitStarted(cluster, service, digest, within);
        return awaitFinal(deployment.id(), within.minus(Duration.between(started, Instant.now())), progress);
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
