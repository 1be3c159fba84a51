package dev.berth.sandbox.lambda;

import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.template.AwsLocation;
import dev.berth.sandbox.template.EventInvokeConfig;
import dev.berth.sandbox.template.SamFunction;
import dev.berth.sandbox.template.TemplateException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a function's environment the way Lambda does: the template's variables plus the runtime's own. */
public final class FunctionEnvironment {

    private FunctionEnvironment() {}

    /**
     * The environment for a template function in the sandbox. The runtime's variables win over the
     * template's, as Lambda's reserved variables do; {@code AWS_ENDPOINT_URL} points every AWS SDK
     * call of the function at the sandbox.
     */
    public static LambdaFunction function(SamFunction function, AwsLocation location, URI sandboxEndpoint) {
        var environment = new LinkedHashMap<String, String>();
        // The SDKs' standard application id: the function's calls carry app/<logical id> in their User-Agent,
        // so the gateway can tell which function made a call (fault injection scopes rules by it).
        environment.put("AWS_SDK_UA_APP_ID", function.logicalId());
        environment.putAll(function.environment());
        environment.putAll(runtimeVariables(function, location, sandboxEndpoint));
        return new LambdaFunction(function.functionName(), location.lambdaFunctionArn(function.functionName()),
                function.handlerClass(), function.handlerMethod(), environment, function.timeoutSeconds(), function.memoryMb(),
                async(function));
    }

    private static AsyncSettings async(SamFunction function) {
        EventInvokeConfig config = function.eventInvokeConfig();
        return new AsyncSettings(config.maximumRetryAttempts(), Duration.ofSeconds(config.maximumEventAgeSeconds()),
                sqsQueue(config.onSuccess(), function, "OnSuccess"), sqsQueue(config.onFailure(), function, "OnFailure"));
    }

    /** The sandbox has SQS (moto) to send invocation records to; an SNS, S3, Lambda or EventBridge destination it cannot honour. */
    private static Optional<String> sqsQueue(Optional<EventInvokeConfig.Destination> destination, SamFunction function,
                                             String which) {
        destination.filter(d -> !d.type().equals("SQS")).ifPresent(d -> {
            throw new TemplateException(function.logicalId() + ".EventInvokeConfig.DestinationConfig." + which + ": the sandbox "
                    + "sends invocation records to SQS queues only, not to " + d.type());
        });
        return destination.map(EventInvokeConfig.Destination::arn);
    }

    private static Map<String, String> runtimeVariables(SamFunction function, AwsLocation location, URI endpoint) {
        var variables = new LinkedHashMap<String, String>(SandboxClients.environment(endpoint, location.region()));
        variables.put("AWS_DEFAULT_REGION", location.region());
        variables.put("AWS_SESSION_TOKEN", SandboxClients.SESSION_TOKEN);
        variables.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        variables.put("_HANDLER", function.handler());
        return variables;
    }
}
