package dev.berth.sandbox.template;

import java.util.Optional;

/**
 * An {@code EventBridgeRule} event of a function: the rule SAM creates on the bus, with the function
 * as its only target. The function is invoked asynchronously with each event the pattern matches.
 *
 * @param ruleName           {@code RuleName}, else the function's logical id followed by the event's name
 * @param eventBusName       {@code EventBusName} (a name, or the bus ARN resolved to its name); {@code default} when unset
 * @param patternJson        {@code Pattern}, intrinsics resolved, as JSON
 * @param enabled            false when {@code State} is {@code DISABLED}
 * @param deadLetterQueueArn {@code DeadLetterConfig.Arn}: where EventBridge puts events it could not deliver
 */
public record EventBridgeRuleEvent(String functionLogicalId, String eventName, String ruleName, String eventBusName,
                                   String patternJson, boolean enabled, RetryPolicy retryPolicy,
                                   Optional<String> deadLetterQueueArn) {

    /**
     * How long EventBridge keeps trying to hand an event to the target (not the function's own retries).
     * EventBridge's defaults: 185 attempts, 24 hours.
     */
    public record RetryPolicy(int maximumRetryAttempts, int maximumEventAgeSeconds) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(185, 86_400);
    }
}
