package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.DeploymentConcluder;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.ConcludeRequest;
import dev.berth.workflow.ConcludeResult;
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
        super(ConcludeRequest.class);
        this.concluder = new DeploymentConcluder(ports);
    }

    @Override
    protected ConcludeResult handle(ConcludeRequest request, Context context) {
        return concluder.conclude(request, DeploymentLog.of(context).forDeployment(request.deploymentId()));
    }
}
