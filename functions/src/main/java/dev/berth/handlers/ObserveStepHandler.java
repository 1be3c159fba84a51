package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.StepObserver;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.ObserveStepRequest;
import dev.berth.workflow.StepState;
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
        super(ObserveStepRequest.class);
        this.observer = new StepObserver(ports);
    }

    @Override
    protected StepState handle(ObserveStepRequest request, Context context) {
        return observer.observe(request, DeploymentLog.of(context).forDeployment(request.deploymentId()));
    }
}
