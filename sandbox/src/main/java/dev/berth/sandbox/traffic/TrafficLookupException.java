package dev.berth.sandbox.traffic;

/** A listener or rule whose forward cannot be read: the ARN is not one, ELB does not know it, or it does not forward. */
public final class TrafficLookupException extends RuntimeException {

    private final String code;

    public TrafficLookupException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** {@code InvalidArn}, {@code ListenerNotFound}, {@code RuleNotFound} or {@code NoForwardAction}. */
    public String code() {
        return code;
    }
}
