package dev.berth.ports;

import dev.berth.domain.deployment.Deployment;

/** Announces deployment state changes to whoever listens (EventBridge). */
public interface DeploymentEvents {
    void publish(Deployment deployment);
}
