package dev.berth.adapters;

import dev.berth.ports.AwsCallException;
import dev.berth.ports.Executions;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/** {@link Executions} on Step Functions: one execution per deployment, named by the deployment id. */
public final class StepFunctionsExecutions implements Executions {

    private final Supplier<SfnClient> sfn;
    private final Supplier<String> stateMachineArn;

    public StepFunctionsExecutions(SfnClient sfn, String stateMachineArn) {
        this(() -> sfn, stateMachineArn);
    }

    /** Builds the client only when the first call needs it: a cold start that makes no call does not pay for it. */
    public StepFunctionsExecutions(Supplier<SfnClient> sfn, String stateMachineArn) {
        this(sfn, () -> stateMachineArn);
    }

    /**
     * With the state machine's ARN read when a call needs it: answering a task token needs none, so a function that only
     * does that (a manual gate's) is deployed without it (the state machine refers to that function: the other way
     * round would be a circular reference).
     */
    public StepFunctionsExecutions(Supplier<SfnClient> sfn, Supplier<String> stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public StartResult start(String name, String inputJson) {
        try {
            return AwsCalls.call("StartExecution " + name, () -> new StartResult.Started(
                    sfn.get().startExecution(r -> r.stateMachineArn(stateMachineArn.get()).name(name).input(inputJson)).executionArn()));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof ExecutionAlreadyExistsException) {
                return new StartResult.AlreadyStarted(name);
            }
            throw e;
        }
    }

    @Override
    public Optional<ExecutionStatus> describe(String name) {
        String arn = executionArn(name);
        try {
            var execution = AwsCalls.call("DescribeExecution " + name, () -> sfn.get().describeExecution(r -> r.executionArn(arn)));
            return Optional.of(new ExecutionStatus(name, execution.statusAsString(), Optional.ofNullable(execution.stopDate()),
                    Optional.ofNullable(execution.error()), Optional.ofNullable(execution.cause())));
        } catch (AwsCallException e) {
            if (e.getCause() instanceof ExecutionDoesNotExistException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void sendTaskSuccess(String taskToken, String outputJson) {
        AwsCalls.run("SendTaskSuccess", () -> sfn.get().sendTaskSuccess(r -> r.taskToken(taskToken).output(outputJson)));
    }

    @Override
    public void sendTaskFailure(String taskToken, String error, String cause) {
        // Step Functions keeps at most 256 characters of error and 32,768 of cause.
        AwsCalls.run("SendTaskFailure", () -> sfn.get().sendTaskFailure(r -> r.taskToken(taskToken)
                .error(error.length() > 256 ? error.substring(0, 256) : error)
                .cause(cause.length() > 32_768 ? cause.substring(0, 32_768) : cause)));
    }

    /** Execution ARNs are the state machine's with {@code execution} for {@code stateMachine}, and the name appended. */
    String executionArn(String name) {
        return stateMachineArn.get().replace(":stateMachine:", ":execution:") + ":" + name;
    }
}
