package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.GateKeeper;
import dev.berth.log.DeploymentLog;
import dev.berth.workflow.GateAnswer;
import dev.berth.workflow.GateResult;
import java.util.List;
import java.util.Map;

/**
 * Promote or abort a deployment waiting at a manual gate: {@code {"deploymentId": ..., "decision": "promote"|"abort",
 * "actor": ..., "reason": ...}} (what {@code ./berth promote|abort} sends; the operator API will put HTTP on it).
 */
public final class AnswerGateHandler extends JsonStreamHandler<GateAnswer, GateResult> {

    private final GateKeeper gates;

    public AnswerGateHandler() {
        this(System.getenv());
    }

    public AnswerGateHandler(Map<String, String> environment) {
        this(new Ports(new FunctionEnvironment(environment)));
    }

    /** With the given ports: in-memory fakes in tests. */
    public AnswerGateHandler(EnginePorts ports) {
        super(GateAnswer.class, ports);
        this.gates = new GateKeeper(ports);
    }

    @Override
    protected GateResult handle(GateAnswer answer, Context context) {
        return gates.answer(answer, DeploymentLog.of(context).forDeployment(String.valueOf(answer.deploymentId())));
    }

    /** What {@code ./berth promote} sends; the deployment promoted. */
    @Override
    protected Priming.Sample<GateResult> primingSample() {
        String request = """
                {"deploymentId": "d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f", "decision": "promote", "actor": "alice", "reason": "canary looks good"}""";
        return new Priming.Sample<>(request, new GateResult("d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f", "promoted", "on to the next step"),
                List.of(EnginePorts::history, EnginePorts::executions));
    }
}
