package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.RevisionPreparer;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.PrepareRevisionRequest;
import dev.berth.workflow.Revisions;
import java.util.List;
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
        super(PrepareRevisionRequest.class, ports);
        this.preparer = new RevisionPreparer(ports);
    }

    @Override
    protected Revisions handle(PrepareRevisionRequest request, Context context) {
        return preparer.prepare(request, DeploymentLog.of(context).forDeployment(request.deploymentId()));
    }

    /** A pushed image for one container of a rolling service; the revisions registered. */
    @Override
    protected Priming.Sample<Revisions> primingSample() {
        String request = """
                {"deploymentId": "d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f", "cluster": "shop", "service": "web", "containers": ["web"],
                 "source": {"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.2@%s",
                            "tag": "v1.4.2", "digest": "%s"},
                 "retryCount": 0, "strategy": %s}""".formatted(Priming.DIGEST, Priming.DIGEST, Priming.ROLLING);
        return new Priming.Sample<>(request, Priming.REVISIONS,
                List.of(EnginePorts::history, EnginePorts::ecs, EnginePorts::registry, EnginePorts::routing, EnginePorts::alarms));
    }
}
