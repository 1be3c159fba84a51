package dev.berth.engine.fakes;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What Lambda hands a function: its name, a request id, and a logger that writes into {@code logs}. */
public record LocalContext(String functionName, List<String> logs) implements Context {

    @Override public String getAwsRequestId() { return "local-" + logs.size(); }
    @Override public String getLogGroupName() { return "/aws/lambda/berth"; }
    @Override public String getLogStreamName() { return "local"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 60_000; }
    @Override public int getMemoryLimitInMB() { return 512; }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { logs.add(message.strip()); }
            @Override public void log(byte[] message) { logs.add(new String(message, StandardCharsets.UTF_8).strip()); }
        };
    }
}
