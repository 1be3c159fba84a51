package dev.berth.sandbox.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the sandbox's functions load their code from. By default the sandbox's own class path (the functions
 * module's classes: quick to iterate on). With {@value #ARTIFACT_PROPERTY} set, the deployable Lambda artifact
 * itself, in a class loader of its own as Lambda gives each function: then what the tests and the demo run is
 * exactly what {@code sam deploy} uploads, shrunk by ProGuard, and a class the shrinker cut fails here as it would
 * on AWS. Shared with the sandbox are only the Lambda runtime's interfaces ({@code com.amazonaws.services.lambda.runtime}),
 * as Lambda's runtime shares them with a function, and the sandbox's own classes ({@code dev.berth.sandbox}: the test
 * suite's handlers, which are not in the artifact).
 */
public final class FunctionCode {

    /** The system property naming the Lambda artifact the functions run from. */
    public static final String ARTIFACT_PROPERTY = "berth.functionsArtifact";
    private static final List<String> SHARED_PACKAGES = List.of("com.amazonaws.services.lambda.runtime.", "dev.berth.sandbox.");

    private FunctionCode() {}

    /** The artifact named by {@value #ARTIFACT_PROPERTY}, if set; a named jar that does not exist is an error. */
    public static Optional<Path> configuredArtifact() {
        String named = System.getProperty(ARTIFACT_PROPERTY, "").strip();
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Path jar = Path.of(named).toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(ARTIFACT_PROPERTY + " names " + jar + ", which does not exist: build it with ./berth build");
        }
        return Optional.of(jar);
    }

    /** One loader per artifact for the JVM's life, as the class path is one: each sandbox started reuses its loaded classes. */
    private static final Map<Path, ArtifactLoader> LOADERS = new ConcurrentHashMap<>();

    /** The class loader the functions' handlers come from: the artifact's when one is configured, else {@code sandbox}. */
    public static ClassLoader loader(ClassLoader sandbox) {
        return configuredArtifact().<ClassLoader>map(jar -> LOADERS.computeIfAbsent(jar, j -> new ArtifactLoader(j, sandbox)))
                .orElse(sandbox);
    }

    /** The artifact's classes (over the JDK's), except the shared ones, which are the sandbox's. */
    static final class ArtifactLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final ClassLoader runtime;

        ArtifactLoader(Path jar, ClassLoader runtime) {
            super("lambda-artifact", new URL[] {url(jar)}, ClassLoader.getPlatformClassLoader());
            this.runtime = runtime;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (SHARED_PACKAGES.stream().anyMatch(name::startsWith)) {
                return runtime.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }

        private static URL url(Path jar) {
            try {
                return jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(new IOException(e));
            }
        }
    }
}
