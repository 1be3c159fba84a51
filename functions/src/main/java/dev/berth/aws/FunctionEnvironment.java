package dev.berth.aws;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables a function runs with. Handlers receive it explicitly (not
 * {@code System.getenv()}) so the sandbox can run every function in one JVM with its own values.
 */
public record FunctionEnvironment(Map<String, String> variables) {

    public FunctionEnvironment {
        variables = Map.copyOf(variables);
    }

    public static FunctionEnvironment fromSystem() {
        return new FunctionEnvironment(System.getenv());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /** A variable the function cannot work without; the message names it, since it is a deployment mistake. */
    public String required(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException(
                "environment variable " + name + " is not set: the function is deployed without it (see template.yaml)"));
    }
}
