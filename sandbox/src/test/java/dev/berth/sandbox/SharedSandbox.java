package dev.berth.sandbox;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One sandbox for the whole test run, resolved as a {@link Sandbox} parameter: Berth's real
 * template plus the test-only stack in test resources. JUnit closes it when the run ends.
 */
public final class SharedSandbox implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSandbox.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class)
                .sandbox();
    }

    /** The store closes AutoCloseable values when the test run ends. */
    private record Running(Sandbox sandbox) implements AutoCloseable {
        static Running start() {
            Sandbox sandbox = Sandbox.start(SandboxOptions.forProject(TestPaths.projectRoot()).withLogDir(TestPaths.logDir("shared")));
            try {
                sandbox.deploy(TestPaths.testStack());
            } catch (RuntimeException e) {
                sandbox.close();
                throw e;
            }
            return new Running(sandbox);
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }
}
