package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.DeploymentConcluder;
import dev.berth.engine.EnginePorts;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.ConcludeRequest;
import dev.berth.workflow.ConcludeResult;
import java.util.List;
import java.util.Map;

/** State machine step on every path's end: the final record, the service released, the outcome announced (see {@link DeploymentConcluder}). */
public final class ConcludeDeploymentHandler extends JsonStreamHandler<ConcludeRequest, ConcludeResult> {

    private final DeploymentConcluder concluder;

    public ConcludeDeploymentHandler() {
        this(System.getenv());
    }

    public ConcludeDeploymentHandler(Map<String, String> environment) {
        this(new Ports(new FunctionEnvironment(environment)));
    }

    /** With the given ports: in-memory fakes in tests. */
    public ConcludeDeploymentHandler(EnginePorts ports) {
        super(ConcludeRequest.class, ports);
        this.concluder = new DeploymentConcluder(ports);
    }

    @Override
    protected ConcludeResult handle(ConcludeRequest request, Context context) {
        return concluder.conclude(request, DeploymentLog.of(context).forDeployment(request.deploymentId()));
    }

    /** A rolling deployment that succeeded; its final record. */
    @Override
    protected Priming.Sample<ConcludeResult> primingSample() {
        String request = """
                {"deploymentId": "d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f", "cluster": "shop", "service": "web", "step": %s,
                 "error": {"Error": "", "Cause": ""}}""".formatted(Priming.STEP_STARTED_JSON);
        return new Priming.Sample<>(request, new ConcludeResult("SUCCEEDED", "2/2 running"),
                List.of(EnginePorts::history, EnginePorts::leases, EnginePorts::events));
    }
}
