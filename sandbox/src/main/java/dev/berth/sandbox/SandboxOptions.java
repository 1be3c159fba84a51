package dev.berth.sandbox;

import dev.berth.sandbox.gateway.Interceptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start a {@link Sandbox}.
 *
 * @param projectRoot    the Berth checkout (holds {@code template.yaml} and {@code statemachine/})
 * @param template       the SAM template deployed into the sandbox
 * @param port           the front endpoint's port on 127.0.0.1; 0 for one the OS picks
 * @param interceptors   extra pieces answering some calls themselves (the simulated ECS data plane),
 *                       run after the Lambda endpoint in this order; closed with the sandbox when AutoCloseable
 * @param logDir         where moto's, the gateway's and the functions' logs go
 * @param parameters     values for template parameters, overriding their defaults
 * @param startTimeout   how long moto may take to come up
 */
public record SandboxOptions(Path projectRoot, Path template, int port, List<Interceptor> interceptors, Path logDir,
                             Map<String, String> parameters, Duration startTimeout) {

    public SandboxOptions {
        interceptors = List.copyOf(interceptors);
        parameters = Map.copyOf(parameters);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    /** The project's {@code template.yaml}, a free port, logs in {@code .berth/logs}, no extra interceptors. */
    public static SandboxOptions forProject(Path projectRoot) {
        Path root = projectRoot.toAbsolutePath().normalize();
        return new SandboxOptions(root, root.resolve("template.yaml"), 0, List.of(), root.resolve(".berth/logs"),
                Map.of(), Duration.ofSeconds(60));
    }

    /** The project root from the {@code berth.projectRoot} system property (set by {@code ./berth} and the build), else the working directory. */
    public static SandboxOptions forThisProject() {
        return forProject(Path.of(System.getProperty("berth.projectRoot", ".")));
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(projectRoot, template, port, interceptors, logDir, parameters, startTimeout);
    }

    public SandboxOptions withTemplate(Path template) {
        return new SandboxOptions(projectRoot, template, port, interceptors, logDir, parameters, startTimeout);
    }

    public SandboxOptions withInterceptors(List<Interceptor> interceptors) {
        return new SandboxOptions(projectRoot, template, port, interceptors, logDir, parameters, startTimeout);
    }

    public SandboxOptions withLogDir(Path logDir) {
        return new SandboxOptions(projectRoot, template, port, interceptors, logDir, parameters, startTimeout);
    }

    public SandboxOptions withParameters(Map<String, String> parameters) {
        return new SandboxOptions(projectRoot, template, port, interceptors, logDir, parameters, startTimeout);
    }
}
