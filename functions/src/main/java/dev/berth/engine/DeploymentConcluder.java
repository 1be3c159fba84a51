package dev.berth.engine;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.ConcludeRequest;
import dev.berth.workflow.ConcludeResult;
import dev.berth.workflow.FailureReasons;
import dev.berth.workflow.Next;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The last step on every path: writes the final status and reason, gives the service up, and announces
 * the outcome on EventBridge. Safe to repeat: a record already final keeps its first final word (the
 * event may be published again; EventBridge consumers see at-least-once delivery anyway).
 */
public final class DeploymentConcluder {

    private final EnginePorts ports;

    public DeploymentConcluder(EnginePorts ports) {
        this.ports = ports;
    }

    public ConcludeResult conclude(ConcludeRequest request, DeploymentLog log) {
        DeploymentStatus outcome;
        Optional<String> reason;
        if (request.step().next() == Next.CONCLUDE) {
            outcome = finalStatus(request.step().outcome());
            reason = Optional.of(request.step().reason()).filter(r -> !r.isBlank());
        } else {
            // A step failed in a way nothing could handle: the caught error is the reason, with what it interrupted.
            outcome = DeploymentStatus.FAILED;
            String error = FailureReasons.of(request.error()).orElse("a step failed without saying why");
            reason = Optional.of(request.step().next() == Next.ROLL_BACK
                    ? "could not roll back (" + error + "); the service may still run the new revision, which failed: "
                            + request.step().reason()
                    : error);
        }
        Deployment recorded = finish(request.deploymentId(), outcome, reason, ports.clock().instant());
        afterwards(request, recorded, log);
        String why = recorded.reason().orElse("");
        log.info("deployment " + recorded.status(), Map.of("reason", why));
        return new ConcludeResult(recorded.status().name(), why);
    }

    /**
     * Gives the service up and announces the outcome. The record is final already, so neither may make this
     * step fail (the execution would then end as if nothing had been recorded): a lease not released lapses on
     * its own, and the sweeper releases it too; a lost event is logged.
     */
    void afterwards(ConcludeRequest request, Deployment recorded, DeploymentLog log) {
        try {
            ports.leases().release(request.cluster() + "/" + request.service(), request.deploymentId());
        } catch (RuntimeException e) {
            log.warn("service not released; its lease lapses on its own", Map.of("error", String.valueOf(e.getMessage())));
        }
        try {
            ports.events().publish(recorded);
        } catch (RuntimeException e) {
            log.error("outcome recorded, but its event was not published", Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /** Records the final word on a deployment (used by the sweeper too). */
    Deployment finish(String deploymentId, DeploymentStatus outcome, Optional<String> reason, Instant at) {
        return ports.history().update(deploymentId, d -> d.conclude(outcome, reason, at));
    }

    private static DeploymentStatus finalStatus(String outcome) {
        try {
            DeploymentStatus status = DeploymentStatus.valueOf(String.valueOf(outcome));
            if (status.isFinal()) {
                return status;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new InvalidInputException("outcome must be a final status (SUCCEEDED, ROLLED_BACK, FAILED, ABORTED, SUPERSEDED), not '" + outcome + "'");
    }
}
