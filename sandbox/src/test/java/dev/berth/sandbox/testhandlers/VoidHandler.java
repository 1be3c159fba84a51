package dev.berth.sandbox.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Test handler: returns nothing, which Lambda reports as a {@code null} response. */
public final class VoidHandler implements RequestHandler<Map<String, Object>, Void> {

    public VoidHandler() {
        this(System.getenv());
    }

    public VoidHandler(Map<String, String> environment) {
        // Needs nothing from its environment.
    }

    @Override
    public Void handleRequest(Map<String, Object> input, Context context) {
        context.getLogger().log("got " + input);
        return null;
    }
}
