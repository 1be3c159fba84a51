package dev.berth.sandbox.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Lambda function of the template, with {@code Globals} applied and every intrinsic resolved.
 *
 * @param functionName    the physical name: {@code FunctionName} if set, else the logical id
 * @param handlerClass    the class part of {@code Handler} ({@code pkg.Class::method})
 * @param handlerMethod   the method part of {@code Handler}; {@code handleRequest} when omitted
 * @param environment     {@code Environment.Variables}: Globals merged with the function's own
 * @param timeoutSeconds  {@code Timeout}; Lambda's default of 3 seconds when unset
 * @param memoryMb        {@code MemorySize}; Lambda's default of 128 MB when unset
 * @param autoPublishAlias SAM's {@code AutoPublishAlias}, when the function publishes one
 * @param eventBridgeRules its {@code Events} of type {@code EventBridgeRule} (or the older {@code CloudWatchEvent})
 * @param eventInvokeConfig its {@code EventInvokeConfig}, or Lambda's defaults
 */
public record SamFunction(String logicalId, String functionName, String handlerClass, String handlerMethod,
                          Map<String, String> environment, int timeoutSeconds, int memoryMb,
                          Optional<String> autoPublishAlias, List<EventBridgeRuleEvent> eventBridgeRules,
                          EventInvokeConfig eventInvokeConfig) {

    public SamFunction {
        environment = Map.copyOf(environment);
        eventBridgeRules = List.copyOf(eventBridgeRules);
    }

    /** The handler string as written in the template. */
    public String handler() {
        return handlerClass + "::" + handlerMethod;
    }
}
