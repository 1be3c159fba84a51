package dev.berth.sandbox.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The {@link Context} of one invocation: its request id, the function, and the time left before its timeout. */
final class InvocationContext implements Context {

    private final String requestId;
    private final LambdaFunction function;
    private final String invokedArn;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    InvocationContext(String requestId, LambdaFunction function, String invokedArn, long deadlineNanos, LambdaLogger logger) {
        this.requestId = requestId;
        this.function = function;
        this.invokedArn = invokedArn;
        this.deadlineNanos = deadlineNanos;
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.name();
    }

    @Override
    public String getLogStreamName() {
        return "berth-sandbox/" + function.name();
    }

    @Override
    public String getFunctionName() {
        return function.name();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedArn;
    }

    /** No Cognito identity: only mobile SDK invocations carry one, on Lambda too. */
    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    /** No client context: only mobile SDK invocations carry one, on Lambda too. */
    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
