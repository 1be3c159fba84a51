package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.ServiceAcquirer;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.AcquireServiceRequest;
import dev.berth.workflow.StepState;
import java.util.List;
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
        super(AcquireServiceRequest.class, ports);
        this.acquirer = new ServiceAcquirer(ports);
    }

    @Override
    protected StepState handle(AcquireServiceRequest request, Context context) {
        return acquirer.acquire(request, DeploymentLog.of(context).forDeployment(request.deploymentId()));
    }

    /** The first ask of a rolling deployment, as the state machine sends it; the lease granted. */
    @Override
    protected Priming.Sample<StepState> primingSample() {
        String request = """
                {"deploymentId": "d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f", "cluster": "shop", "service": "web",
                 "precedence": "2026-11-02T21:04:56.000000000Z|2026-11-02T21:04:57.000000000Z",
                 "strategy": %s, "step": %s}""".formatted(Priming.ROLLING, Priming.INITIAL_STEP);
        return new Priming.Sample<>(request, StepState.initial(),
                List.of(EnginePorts::leases, EnginePorts::history, EnginePorts::executions));
    }
}
