package dev.berth.engine;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.deployment.Deployment;
import dev.berth.json.Json;
import dev.berth.log.DeploymentLog;
import dev.berth.ports.AwsCallException;
import dev.berth.workflow.AwaitGateRequest;
import dev.berth.workflow.GateAnswer;
import dev.berth.workflow.GateResult;
import java.util.Map;

/**
 * Manual gates: the state machine parks a deployment on a task token, kept with its record; a person promotes
 * (the execution goes on to the next step) or aborts (it rolls back). A gate nobody answers times out in the
 * state machine and rolls back too. Promote and abort are domain operations here; functions and the CLI expose them.
 */
public final class GateKeeper {

    /** The error an abort fails the waiting task with; the state machine's Catch sends it to the rollback. */
    public static final String ABORTED = "Berth.Aborted";
    /** The error a newer push fails a waiting gate with: the deployment undoes its traffic and ends SUPERSEDED. */
    public static final String SUPERSEDED = "Berth.Superseded";

    private final EnginePorts ports;

    public GateKeeper(EnginePorts ports) {
        this.ports = ports;
    }

    /** Keeps the waiting task's token with the deployment, so an answer can find it. */
    public void await(AwaitGateRequest request, DeploymentLog log) {
        if (request.taskToken() == null || request.taskToken().isBlank()) {
            throw new InvalidInputException("a manual gate needs the task token it waits on ($$.Task.Token)");
        }
        long minutes = Math.max(1, request.step() == null ? 0 : request.step().waitSeconds() / 60);
        Deployment recorded = ports.history().update(request.deploymentId(), d -> d.awaitingGate(request.taskToken(),
                ports.clock().instant(), "waiting for promote or abort, for up to " + minutes + " min"));
        if (recorded.status().isFinal()) {
            // Concluded meanwhile (the sweeper): nothing may wait on it.
            ports.executions().sendTaskFailure(request.taskToken(), ABORTED, "deployment " + request.deploymentId() + " is "
                    + recorded.status() + " already");
        }
        log.info("waiting at a manual gate", Map.of("deployment", request.deploymentId()));
    }

    /** Promote or abort: answers the waiting task and records who did it and why. */
    public GateResult answer(GateAnswer answer, DeploymentLog log) {
        if (answer.deploymentId() == null || answer.deploymentId().isBlank()) {
            throw new InvalidInputException("'deploymentId' is required: the deployment waiting at a manual gate");
        }
        String decision = answer.decision() == null ? "" : answer.decision();
        if (!decision.equals("promote") && !decision.equals("abort")) {
            throw new InvalidInputException("'decision' must be 'promote' or 'abort', not '" + decision + "'");
        }
        String actor = answer.actor() == null || answer.actor().isBlank() ? "someone" : answer.actor();
        Deployment deployment = ports.history().find(answer.deploymentId()).orElseThrow(() -> new InvalidInputException(
                "no deployment " + answer.deploymentId()));
        if (deployment.status().isFinal()) {
            throw new InvalidInputException("deployment " + deployment.id() + " is " + deployment.status() + ": it waits for nothing");
        }
        String token = deployment.gateToken().orElseThrow(() -> new InvalidInputException("deployment " + deployment.id()
                + " is not waiting at a manual gate (it is at: " + deployment.progress().map(p -> p.step()).orElse("its start") + ")"));
        String why = answer.reason() == null || answer.reason().isBlank() ? "" : ": " + answer.reason();
        String detail = (decision.equals("promote") ? "promoted by " : "aborted by ") + actor + why;
        try {
            if (decision.equals("promote")) {
                ports.executions().sendTaskSuccess(token, Json.write(Map.of("promotedBy", actor)));
            } else {
                ports.executions().sendTaskFailure(token, ABORTED, detail);
            }
        } catch (AwsCallException e) {
            // The gate timed out or was answered a moment ago: its token is spent.
            throw new InvalidInputException("deployment " + deployment.id() + " is no longer waiting at its gate ("
                    + e.getMessage() + ")");
        }
        ports.history().update(deployment.id(), d -> d.gateAnswered(ports.clock().instant(), detail));
        log.info("manual gate answered", Map.of("deployment", deployment.id(), "decision", decision, "actor", actor));
        return new GateResult(deployment.id(), decision.equals("promote") ? "promoted" : "aborted", detail);
    }
}
