package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.StepRunner;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.StartStepRequest;
import dev.berth.workflow.StepState;
import java.util.Map;

/** State machine step: starts the next step of the plan, or the first one that undoes it (see {@link StepRunner}). */
public final class StartStepHandler extends JsonStreamHandler<StartStepRequest, StepState> {

    private final StepRunner runner;

    public StartStepHandler() {
        this(System.getenv());
    }

    public StartStepHandler(Map<String, String> environment) {
        this(new Ports(new FunctionEnvironment(environment)));
    }

    /** With the given ports: in-memory fakes in tests. */
    public StartStepHandler(EnginePorts ports) {
        super(StartStepRequest.class);
        this.runner = new StepRunner(ports);
    }

    @Override
    protected StepState handle(StartStepRequest request, Context context) {
        return runner.start(request, DeploymentLog.of(context).forDeployment(request.deploymentId()));
    }
}
