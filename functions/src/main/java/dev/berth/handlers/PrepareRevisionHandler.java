package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.RevisionPreparer;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.PrepareRevisionRequest;
import dev.berth.workflow.Revisions;
import java.util.Map;

/** State machine step: registers the new revision (or takes the given one) and pins the rollback revision (see {@link RevisionPreparer}). */
public final class PrepareRevisionHandler extends JsonStreamHandler<PrepareRevisionRequest, Revisions> {

    private final RevisionPreparer preparer;

    public PrepareRevisionHandler() {
        this(System.getenv());
    }

    public PrepareRevisionHandler(Map<String, String> environment) {
        this(new Ports(new FunctionEnvironment(environment)));
    }

    /** With the given ports: in-memory fakes in tests. */
    public PrepareRevisionHandler(EnginePorts ports) {
        super(PrepareRevisionRequest.class);
        this.preparer = new RevisionPreparer(ports);
    }

    @Override
    protected Revisions handle(PrepareRevisionRequest request, Context context) {
        return preparer.prepare(request, DeploymentLog.of(context).forDeployment(request.deploymentId()));
    }
}
