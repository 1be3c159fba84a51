package dev.berth.sandbox.lambda;

import java.util.Map;

/**
 * A function the Lambda endpoint can run.
 *
 * @param name          the function name (the template's logical id unless it sets FunctionName)
 * @param arn           the unqualified function ARN
 * @param handlerClass  the handler class, instantiated with {@code environment}
 * @param handlerMethod the handler method; {@code handleRequest} for Lambda's handler interfaces
 * @param environment   every environment variable the function sees, as Lambda would set them
 * @param async         what Lambda does with its asynchronous invocations (retries, destinations)
 */
public record LambdaFunction(String name, String arn, String handlerClass, String handlerMethod,
                             Map<String, String> environment, int timeoutSeconds, int memoryMb, AsyncSettings async) {

    public LambdaFunction {
        environment = Map.copyOf(environment);
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("function " + name + " needs a positive timeout, got " + timeoutSeconds);
        }
    }

    /** A function with Lambda's default asynchronous settings. */
    public LambdaFunction(String name, String arn, String handlerClass, String handlerMethod, Map<String, String> environment,
                          int timeoutSeconds, int memoryMb) {
        this(name, arn, handlerClass, handlerMethod, environment, timeoutSeconds, memoryMb, AsyncSettings.DEFAULT);
    }
}
