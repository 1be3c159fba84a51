package dev.berth.engine;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.json.Json;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.Next;
import dev.berth.workflow.StepState;
import dev.berth.ports.Executions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes every record final, whatever failed: runs on a schedule and looks at each deployment whose
 * record is still in flight. Its execution ended without recording (stopped by hand, timed out, failed
 * past every Catch): the record gets the execution's real end, and the service is released. A record
 * left PENDING because its execution never started: the execution is started (its input is kept on the
 * record for this), once it is older than {@link #GRACE} (its trigger may still be about to start it).
 * An execution that has ended with its record in flight needs no grace: the last state records the
 * outcome before the execution ends, so such a record was left behind.
 */
public final class DeploymentSweeper {

    /** Long enough for a trigger to write its record and start the execution. */
    static final Duration GRACE = Duration.ofMinutes(2);

    /** What one sweep did to one deployment. */
    public record Swept(String deploymentId, String action, String detail) {}

    private final EnginePorts ports;
    private final DeploymentConcluder concluder;

    public DeploymentSweeper(EnginePorts ports) {
        this.ports = ports;
        this.concluder = new DeploymentConcluder(ports);
    }

    public List<Swept> sweep(DeploymentLog log) {
        Instant now = ports.clock().instant();
        List<Swept> swept = new ArrayList<>();
        for (Deployment deployment : ports.history().inFlight()) {
            DeploymentLog deploymentLog = log.forDeployment(deployment.id());
            try {
                sweepOne(deployment, now, deploymentLog).ifPresent(swept::add);
            } catch (RuntimeException e) {
                // The next sweep tries again; one bad record must not hold back the others.
                deploymentLog.error("could not sweep deployment", Map.of("error", String.valueOf(e.getMessage())));
            }
        }
        return swept;
    }

    private Optional<Swept> sweepOne(Deployment deployment, Instant now, DeploymentLog log) {
        Optional<Executions.ExecutionStatus> execution = ports.executions().describe(deployment.id());
        if (execution.isEmpty() && deployment.startedAt().isAfter(now.minus(GRACE))) {
            return Optional.empty();
        }
        if (execution.isEmpty()) {
            if (deployment.status() == DeploymentStatus.PENDING && deployment.pendingExecution().isPresent()) {
                ports.executions().start(deployment.id(), deployment.pendingExecution().get());
                log.info("started the execution a trigger left unstarted", Map.of());
                return Optional.of(new Swept(deployment.id(), "started", "its execution had not started"));
            }
            return finish(deployment, DeploymentStatus.FAILED, "its execution never started and cannot be", now, log);
        }
        Executions.ExecutionStatus status = execution.get();
        if (status.isRunning()) {
            return Optional.empty();
        }
        String where = deployment.progress().map(p -> " during step '" + p.step() + "'").orElse("");
        String left = deployment.newTaskDefinitionArn().isPresent()
                ? "; the service was left as the execution left it" : "; nothing had changed";
        // The record ends when its execution did, not when the sweep noticed.
        Instant ended = status.stoppedAt().orElse(now);
        Optional<StepState> decided = decidedOutcome(status);
        if (decided.isPresent()) {
            return finish(deployment, DeploymentStatus.valueOf(decided.get().outcome()), decided.get().reason()
                    + " (recorded by the sweeper: the execution could not write it)", ended, log);
        }
        return switch (status.status()) {
            case "ABORTED" -> finish(deployment, DeploymentStatus.ABORTED,
                    "execution stopped by hand" + status.stoppedAt().map(at -> " at " + at).orElse("") + where + left, ended, log);
            case "TIMED_OUT" -> finish(deployment, DeploymentStatus.FAILED, "execution timed out" + where + left, ended, log);
            default -> finish(deployment, DeploymentStatus.FAILED, "execution ended " + status.status()
                    + status.error().map(e -> " (" + e + status.cause().map(c -> ": " + c).orElse("") + ")").orElse("")
                    + " without recording an outcome" + where + left, ended, log);
        };
    }

    /**
     * The outcome the engine had decided when even recording it failed: the execution's last state carries
     * the engine's state in its cause ({@value #NOT_RECORDED}).
     */
    private static Optional<StepState> decidedOutcome(Executions.ExecutionStatus status) {
        if (!status.error().filter(NOT_RECORDED::equals).isPresent() || status.cause().isEmpty()) {
            return Optional.empty();
        }
        try {
            StepState step = Json.mapper().readValue(status.cause().get(), StepState.class);
            return step.next() == Next.CONCLUDE && !step.outcome().isBlank() ? Optional.of(step) : Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static final String NOT_RECORDED = "Berth.NotRecorded";

    private Optional<Swept> finish(Deployment deployment, DeploymentStatus outcome, String reason, Instant now, DeploymentLog log) {
        // The index is read eventually consistently: the record may have been concluded meanwhile.
        Optional<Deployment> current = ports.history().find(deployment.id()).filter(d -> d.status().isFinal());
        if (current.isPresent()) {
            return Optional.empty();
        }
        Deployment recorded = concluder.finish(deployment.id(), outcome, Optional.of(reason), now);
        ports.leases().release(deployment.serviceKey(), deployment.id());
        ports.events().publish(recorded);
        log.info("deployment finalised by the sweeper", Map.of("status", recorded.status().name(), "reason", reason));
        return Optional.of(new Swept(deployment.id(), recorded.status().name(), reason));
    }
}
