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
        super(JsonNode.class, ports);
        this.sweeper = new DeploymentSweeper(ports);
    }

    @Override
    protected SweepResult handle(JsonNode event, Context context) {
        List<DeploymentSweeper.Swept> swept = sweeper.sweep(DeploymentLog.of(context));
        return new SweepResult(swept.size(), swept);
    }

    /** The schedule's event (its content does not matter); one deployment finalised. */
    @Override
    protected Priming.Sample<SweepResult> primingSample() {
        String request = """
                {"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
                 "source": "aws.events", "account": "123456789012", "time": "2026-11-02T21:10:00Z", "region": "us-east-1",
                 "resources": ["arn:aws:events:us-east-1:123456789012:rule/berth-SweepDeploymentsFunctionEvery5Minutes"],
                 "detail": {}}""";
        return new Priming.Sample<>(request,
                new SweepResult(1, List.of(new DeploymentSweeper.Swept("d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f", "FAILED", "its execution ended without recording"))),
                List.of(EnginePorts::history, EnginePorts::executions, EnginePorts::leases, EnginePorts::events));
    }
}
