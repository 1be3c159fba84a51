package dev.berth.sandbox.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Test handler: outlives its one-second timeout. */
public final class SlowHandler implements RequestHandler<Object, String> {

    public SlowHandler() {
        this(System.getenv());
    }

    public SlowHandler(Map<String, String> environment) {
        // Needs nothing from its environment.
    }

    @Override
    public String handleRequest(Object input, Context context) {
        try {
            Thread.sleep(30_000); // the sandbox must give up after the template's Timeout: 1
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "too late";
    }
}
