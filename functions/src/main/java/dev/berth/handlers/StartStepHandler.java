package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.StepRunner;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.StartStepRequest;
import dev.berth.workflow.StepState;
import java.util.List;
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
        super(StartStepRequest.class, ports);
        this.runner = new StepRunner(ports);
    }

    @Override
    protected StepState handle(StartStepRequest request, Context context) {
        return runner.start(request, DeploymentLog.of(context).forDeployment(request.deploymentId()));
    }

    /** The first step of a rolling deployment; the step started, to be looked at. */
    @Override
    protected Priming.Sample<StepState> primingSample() {
        String request = """
                {"deploymentId": "d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f", "cluster": "shop", "service": "web", "strategy": %s,
                 "revisions": %s, "step": %s, "rollingBack": false, "error": {"Error": "", "Cause": ""}}"""
                .formatted(Priming.ROLLING, Priming.REVISIONS_JSON, Priming.INITIAL_STEP);
        return new Priming.Sample<>(request, Priming.STEP_STARTED,
                List.of(EnginePorts::history, EnginePorts::leases, EnginePorts::ecs, EnginePorts::routing));
    }
}
