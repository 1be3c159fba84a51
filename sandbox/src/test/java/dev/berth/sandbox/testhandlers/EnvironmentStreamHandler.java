package dev.berth.sandbox.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;

/** Test handler: a stream handler that answers with the raw input's size and the environment it was constructed with. */
public final class EnvironmentStreamHandler implements RequestStreamHandler {

    private final Map<String, String> environment;

    public EnvironmentStreamHandler() {
        this(System.getenv());
    }

    public EnvironmentStreamHandler(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int inputBytes = input.readAllBytes().length;
        new ObjectMapper().writeValue(output, Map.of("inputBytes", inputBytes, "environment", new TreeMap<>(environment)));
    }
}
