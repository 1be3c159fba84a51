package dev.berth.adapters;

import dev.berth.ports.Executions;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/** {@link Executions} on Step Functions: one execution per deployment, named by the deployment id. */
public final class StepFunctionsExecutions implements Executions {

    private final Supplier<SfnClient> sfn;
    private final String stateMachineArn;

    public StepFunctionsExecutions(SfnClient sfn, String stateMachineArn) {
        this(() -> sfn, stateMachineArn);
    }

    /** Builds the client only when the first call needs it: a cold start that makes no call does not pay for it. */
    public StepFunctionsExecutions(Supplier<SfnClient> sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public StartResult start(String name, String inputJson) {
        try {
            return AwsCalls.call("StartExecution " + name, () -> new StartResult.Started(
                    sfn.get().startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(inputJson)).executionArn()));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof ExecutionAlreadyExistsException) {
                return new StartResult.AlreadyStarted(name);
            }
            throw e;
        }
    }
}
