package dev.berth.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a Catch stores at {@code $.error}: Step Functions' {@code Error} name and {@code Cause} (for a
 * Lambda error, the function's error JSON). The execution input starts with an empty one, so the path
 * always exists.
 */
public record CaughtError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {

    public CaughtError {
        error = error == null ? "" : error;
        cause = cause == null ? "" : cause;
    }

    public static CaughtError none() {
        return new CaughtError("", "");
    }

    @JsonIgnore // not part of what Step Functions writes at $.error
    public boolean isPresent() {
        return !error.isBlank() || !cause.isBlank();
    }
}
