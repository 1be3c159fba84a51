package dev.berth.sandbox.lambda;

import java.time.Duration;
import java.util.Optional;

/**
 * What Lambda does with a function's asynchronous invocations (its {@code EventInvokeConfig}): how
 * often a function error is retried, how old an event may grow, and which SQS queues get the
 * records of invocations that succeeded or failed for good.
 */
public record AsyncSettings(int maximumRetryAttempts, Duration maximumEventAge, Optional<String> onSuccessQueueArn,
                            Optional<String> onFailureQueueArn) {

    /** Lambda's defaults: two retries, six hours, no destinations. */
    public static final AsyncSettings DEFAULT = new AsyncSettings(2, Duration.ofHours(6), Optional.empty(), Optional.empty());
}
