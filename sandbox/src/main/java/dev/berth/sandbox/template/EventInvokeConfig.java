package dev.berth.sandbox.template;

import java.util.Optional;

/**
 * A function's {@code EventInvokeConfig}: what Lambda does with its asynchronous invocations.
 * Lambda's defaults when unset: two retries after a function error, events kept six hours.
 *
 * @param onSuccess where Lambda sends the record of a successful invocation
 * @param onFailure where Lambda sends the record of an invocation that failed every attempt or grew too old
 */
public record EventInvokeConfig(int maximumRetryAttempts, int maximumEventAgeSeconds, Optional<Destination> onSuccess,
                                Optional<Destination> onFailure) {

    public static final EventInvokeConfig DEFAULT = new EventInvokeConfig(2, 21_600, Optional.empty(), Optional.empty());

    public EventInvokeConfig {
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
            throw new TemplateException("EventInvokeConfig.MaximumRetryAttempts must be 0, 1 or 2, got " + maximumRetryAttempts);
        }
        if (maximumEventAgeSeconds < 60 || maximumEventAgeSeconds > 21_600) {
            throw new TemplateException("EventInvokeConfig.MaximumEventAgeInSeconds must be 60..21600, got " + maximumEventAgeSeconds);
        }
    }

    /** A destination: its {@code Type} ({@code SQS}, {@code SNS}, {@code S3}, {@code Lambda}, {@code EventBridge}) and ARN. */
    public record Destination(String type, String arn) {}
}
