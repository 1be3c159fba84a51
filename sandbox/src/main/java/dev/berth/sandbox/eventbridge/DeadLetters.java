package dev.berth.sandbox.eventbridge;

import java.util.Map;

/** Where EventBridge puts an event it gave up delivering: the rule's SQS dead-letter queue, with the reason as message attributes. */
@FunctionalInterface
public interface DeadLetters {
    void send(String queueArn, String event, Map<String, String> attributes) throws Exception;
}
