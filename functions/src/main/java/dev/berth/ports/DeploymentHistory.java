package dev.berth.ports;

import dev.berth.domain.deployment.Deployment;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Where deployment records live. Records are never deleted; updates are optimistic (no lost writes). */
public interface DeploymentHistory {

    /** Stores a new record; false when one with the same id exists already (a repeated trigger). */
    boolean create(Deployment deployment);

    Optional<Deployment> find(String deploymentId);

    /** Applies a change to the current record and stores it unless someone else changed it meanwhile (then retries). */
    Deployment update(String deploymentId, UnaryOperator<Deployment> change);

    /** The service's deployments, newest first. */
    List<Deployment> forService(String cluster, String service, int limit);

    /** Every deployment whose record is not final yet, oldest first: what the sweeper checks. */
    List<Deployment> inFlight();
}
