package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.DeploymentSweeper;
import dev.berth.engine.EnginePorts;
import dev.berth.log.DeploymentLog;
import java.util.List;
import java.util.Map;

/**
 * Scheduled (EventBridge schedule): finalises every deployment whose execution ended without recording,
 * and starts those a trigger left unstarted (see {@link DeploymentSweeper}). The scheduled event's
 * content does not matter.
 */
public final class SweepDeploymentsHandler extends JsonStreamHandler<JsonNode, SweepDeploymentsHandler.SweepResult> {

    /** What one sweep did. */
    public record SweepResult(int swept, List<DeploymentSweeper.Swept> deployments) {}

    private final DeploymentSweeper sweeper;

    public SweepDeploymentsHandler() {
        this(System.getenv());
    }

    public SweepDeploymentsHandler(Map<String, String> environment) {
        this(new Ports(new FunctionEnvironment(environment)));
    }

    /** With the given ports: in-memory fakes in tests. */
    public SweepDeploymentsHandler(EnginePorts ports) {
        super(JsonNode.class);
        this.sweeper = new DeploymentSweeper(ports);
    }

    @Override
    protected SweepResult handle(JsonNode event, Context context) {
        List<DeploymentSweeper.Swept> swept = sweeper.sweep(DeploymentLog.of(context));
        return new SweepResult(swept.size(), swept);
    }
}
