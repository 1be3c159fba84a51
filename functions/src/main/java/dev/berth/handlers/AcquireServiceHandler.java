package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.ServiceAcquirer;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.AcquireServiceRequest;
import dev.berth.workflow.StepState;
import java.util.Map;

/** State machine step: takes the service's lease, waits for it, or gives up to a newer push (see {@link ServiceAcquirer}). */
public final class AcquireServiceHandler extends JsonStreamHandler<AcquireServiceRequest, StepState> {

    private final ServiceAcquirer acquirer;

    public AcquireServiceHandler() {
        this(System.getenv());
    }

    public AcquireServiceHandler(Map<String, String> environment) {
        this(new Ports(new FunctionEnvironment(environment)));
    }

    /** With the given ports: in-memory fakes in tests. */
    public AcquireServiceHandler(EnginePorts ports) {
        super(AcquireServiceRequest.class);
        this.acquirer = new ServiceAcquirer(ports);
    }

    @Override
    protected StepState handle(AcquireServiceRequest request, Context context) {
        return acquirer.acquire(request, DeploymentLog.of(context).forDeployment(request.deploymentId()));
    }
}
