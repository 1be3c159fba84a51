package dev.berth.sandbox.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Test handler: takes a record, which only a CustomPojoSerializer (not the runtime's default) can create. */
public final class GreetingRecordHandler implements RequestHandler<GreetingRecordHandler.Greeting, String> {

    public record Greeting(String name) {}

    public GreetingRecordHandler() {
        this(System.getenv());
    }

    public GreetingRecordHandler(Map<String, String> environment) {
        // Needs nothing from its environment.
    }

    @Override
    public String handleRequest(Greeting greeting, Context context) {
        return "hello " + greeting.name();
    }
}
