package dev.berth.sandbox.eventbridge;

import dev.berth.sandbox.template.AwsLocation;
import dev.berth.sandbox.template.EventBridgeRuleEvent;
import java.util.Optional;

/**
 * A rule on one of the sandbox's event buses, with one target: a function invoked asynchronously
 * with each event the pattern matches.
 *
 * @param retryPolicy        how long EventBridge keeps trying when the target does not accept the event
 * @param deadLetterQueueArn where EventBridge puts an event it gave up delivering
 */
public record EventRule(String name, String arn, String eventBusName, EventPattern pattern, boolean enabled,
                        String functionName, String functionArn, EventBridgeRuleEvent.RetryPolicy retryPolicy,
                        Optional<String> deadLetterQueueArn) {

    /** The rule SAM makes of a function's {@code EventBridgeRule} event. */
    public static EventRule of(EventBridgeRuleEvent event, String functionName, AwsLocation location) {
        EventPattern pattern;
        try {
            pattern = EventPattern.parse(event.patternJson());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(event.functionLogicalId() + ".Events." + event.eventName()
                    + ".Pattern is not a valid event pattern: " + e.getMessage(), e);
        }
        return new EventRule(event.ruleName(), location.eventRuleArn(event.eventBusName(), event.ruleName()),
                event.eventBusName(), pattern, event.enabled(), functionName, location.lambdaFunctionArn(functionName),
                event.retryPolicy(), event.deadLetterQueueArn());
    }
}
