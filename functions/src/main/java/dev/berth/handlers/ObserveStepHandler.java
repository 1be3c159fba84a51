package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.StepObserver;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.Next;
import dev.berth.workflow.ObserveStepRequest;
import dev.berth.workflow.StepState;
import java.util.List;
import java.util.Map;

/** State machine step: one look at the step in progress, and what comes next (see {@link StepObserver}). */
public final class ObserveStepHandler extends JsonStreamHandler<ObserveStepRequest, StepState> {

    private final StepObserver observer;

    public ObserveStepHandler() {
        this(System.getenv());
    }

    public ObserveStepHandler(Map<String, String> environment) {
        this(new Ports(new FunctionEnvironment(environment)));
    }

    /** With the given ports: in-memory fakes in tests. */
    public ObserveStepHandler(EnginePorts ports) {
        super(ObserveStepRequest.class, ports);
        this.observer = new StepObserver(ports);
    }

    @Override
    protected StepState handle(ObserveStepRequest request, Context context) {
        return observer.observe(request, DeploymentLog.of(context).forDeployment(request.deploymentId()));
    }

    /** A look at a rolling step in progress; the step healthy, the deployment to conclude. */
    @Override
    protected Priming.Sample<StepState> primingSample() {
        String request = """
                {"deploymentId": "d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f", "cluster": "shop", "service": "web", "strategy": %s,
                 "revisions": %s, "step": %s}""".formatted(Priming.ROLLING, Priming.REVISIONS_JSON, Priming.STEP_STARTED_JSON);
        return new Priming.Sample<>(request,
                Priming.STEP_STARTED.looked(0, "2/2 running", 0, Next.CONCLUDE, "SUCCEEDED", "2/2 running"),
                List.of(EnginePorts::ecs, EnginePorts::targetHealth, EnginePorts::leases, EnginePorts::history,
                        EnginePorts::routing, EnginePorts::alarms));
    }
}
