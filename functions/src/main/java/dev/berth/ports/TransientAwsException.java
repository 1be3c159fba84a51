package dev.berth.ports;

/**
 * An AWS call that still failed after the SDK's own retries for a reason that may pass (throttling,
 * 5xx, timeouts). The state machine retries the step on this error name, with backoff.
 */
public class TransientAwsException extends RuntimeException {
    public TransientAwsException(String message, Throwable cause) {
        super(message, cause);
    }
}
