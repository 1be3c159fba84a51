package dev.berth.ports;

/** An AWS call that failed for a reason retrying will not fix; the message carries the AWS error code. */
public class AwsCallException extends RuntimeException {
    public AwsCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
