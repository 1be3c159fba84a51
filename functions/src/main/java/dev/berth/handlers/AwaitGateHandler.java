package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.GateKeeper;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.AwaitGateRequest;
import java.util.List;
import java.util.Map;

/** State machine step (.waitForTaskToken): keeps a manual gate's task token with the deployment (see {@link GateKeeper}). */
public final class AwaitGateHandler extends JsonStreamHandler<AwaitGateRequest, Map<String, String>> {

    private final GateKeeper gates;

    public AwaitGateHandler() {
        this(System.getenv());
    }

    public AwaitGateHandler(Map<String, String> environment) {
        this(new Ports(new FunctionEnvironment(environment)));
    }

    /** With the given ports: in-memory fakes in tests. */
    public AwaitGateHandler(EnginePorts ports) {
        super(AwaitGateRequest.class, ports);
        this.gates = new GateKeeper(ports);
    }

    @Override
    protected Map<String, String> handle(AwaitGateRequest request, Context context) {
        gates.await(request, DeploymentLog.of(context).forDeployment(request.deploymentId()));
        return Map.of("deploymentId", request.deploymentId(), "waiting", "manual gate");
    }

    /** A blue/green step waiting at its manual gate, as the .waitForTaskToken task sends it. */
    @Override
    protected Priming.Sample<Map<String, String>> primingSample() {
        String request = """
                {"deploymentId": "d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f", "taskToken": "AQCEAAAAKgAAAAMAAAAA", "step": %s}"""
                .formatted(Priming.STEP_STARTED_JSON);
        return new Priming.Sample<>(request, Map.of("deploymentId", "d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f", "waiting", "manual gate"),
                List.of(EnginePorts::history, EnginePorts::executions));
    }
}
