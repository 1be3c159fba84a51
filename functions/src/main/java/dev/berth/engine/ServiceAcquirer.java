package dev.berth.engine;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.lease.Acquisition;
import dev.berth.domain.lease.Claim;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.AcquireServiceRequest;
import dev.berth.workflow.Next;
import dev.berth.workflow.StepState;
import java.time.Instant;
import java.util.Map;

/**
 * Takes the service's lease before anything changes it, or waits for it, or gives up to a newer push,
 * as the target's concurrency policy says. The wait itself is a Wait state of the state machine.
 */
public final class ServiceAcquirer {

    private final EnginePorts ports;

    public ServiceAcquirer(EnginePorts ports) {
        this.ports = ports;
    }

    public StepState acquire(AcquireServiceRequest request, DeploymentLog log) {
        Instant now = ports.clock().instant();
        String serviceKey = request.cluster() + "/" + request.service();
        long retrySeconds = request.strategy().pollIntervalSeconds();
        Acquisition acquisition = ports.leases().acquire(serviceKey, new Claim(request.deploymentId(), request.precedence()),
                request.strategy().policy(), now, LeaseHold.forWait(retrySeconds));
        StepState step = request.step();
        return switch (acquisition) {
            case Acquisition.Acquired a -> {
                if (step.next() == Next.WAIT_FOR_SERVICE) {
                    note(request, now, "Acquired the service", serviceKey + " is free", log);
                }
                log.info("service acquired", Map.of("service", serviceKey));
                yield step.then(Next.PREPARE, "", "");
            }
            case Acquisition.Waiting w -> {
                String reason = "deployment " + w.owner().deploymentId() + " is in flight for " + serviceKey
                        + (w.stopAsked() ? "; asked it to stop at its next step" : "; waiting for it to finish (policy queue)");
                if (step.next() != Next.WAIT_FOR_SERVICE || !step.reason().equals(reason)) {
                    note(request, now, "Waiting for the service", reason, log);
                }
                log.info("waiting for the service", Map.of("service", serviceKey, "owner", w.owner().deploymentId()));
                if (w.stopAsked()) {
                    wakeAtItsGate(w.owner().deploymentId(), request.deploymentId(), log);
                }
                yield step.waiting(Next.WAIT_FOR_SERVICE, retrySeconds, reason);
            }
            case Acquisition.Superseded s -> {
                log.info("superseded before deploying", Map.of("by", s.by().deploymentId()));
                yield step.concluding(DeploymentStatus.SUPERSEDED.name(), "superseded by " + s.by().deploymentId());
            }
            case Acquisition.Rejected r -> step.concluding(DeploymentStatus.FAILED.name(), "rejected: deployment "
                    + r.owner().deploymentId() + " is in flight for " + serviceKey + " (concurrency policy reject); nothing changed");
        };
    }

    /**
     * An owner asked to stop that waits at a manual gate reaches no step boundary until someone answers it: its
     * gate is failed for it ({@link GateKeeper#SUPERSEDED}), so it undoes its traffic now. Best effort: a gate
     * answered or timed out meanwhile, or a record not read, leaves the owner to stop at its next boundary.
     */
    private void wakeAtItsGate(String owner, String newer, DeploymentLog log) {
        try {
            ports.history().find(owner).flatMap(Deployment::gateToken).ifPresent(token ->
                    ports.executions().sendTaskFailure(token, GateKeeper.SUPERSEDED, "superseded by " + newer));
        } catch (RuntimeException e) {
            log.warn("the owner's manual gate was not answered; it stops at its next step", Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /** A timeline note: history, not control, so a failed write is logged and the deployment goes on. */
    private void note(AcquireServiceRequest request, Instant now, String step, String detail, DeploymentLog log) {
        try {
            ports.history().update(request.deploymentId(), d -> d.append(new TimelineEntry(now, step, detail)));
        } catch (RuntimeException e) {
            log.warn("timeline note not written; the deployment goes on", Map.of("error", String.valueOf(e.getMessage())));
        }
    }
}
