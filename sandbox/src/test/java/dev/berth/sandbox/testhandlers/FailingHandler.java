package dev.berth.sandbox.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Test handler: always throws, with a cause, so the Lambda error shape and Step Functions' Catch can be checked. */
public final class FailingHandler implements RequestHandler<Map<String, Object>, String> {

    public FailingHandler() {
        this(System.getenv());
    }

    public FailingHandler(Map<String, String> environment) {
        // Needs nothing from its environment.
    }

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        throw new IllegalStateException("boom", new UncheckedIOException(new IOException("disk on fire")));
    }
}
