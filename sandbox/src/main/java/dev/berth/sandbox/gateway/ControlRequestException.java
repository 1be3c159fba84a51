package dev.berth.sandbox.gateway;

import dev.berth.domain.InvalidInputException;

/** A request to the sandbox's own HTTP API that it cannot act on: the status and code it answers with, and why. */
public final class ControlRequestException extends InvalidInputException {

    private final int status;
    private final String code;

    public ControlRequestException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** A 400 Bad Request. */
    public static ControlRequestException badRequest(String code, String message) {
        return new ControlRequestException(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
