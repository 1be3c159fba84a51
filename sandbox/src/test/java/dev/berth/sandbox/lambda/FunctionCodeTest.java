package dev.berth.sandbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FunctionCodeTest {

    /** The functions module's compiled classes: laid out as in the artifact, without packaging it. */
    private static final Path FUNCTION_CLASSES = Path.of(System.getProperty("berth.projectRoot", ".."))
            .resolve("functions/target/classes");
    private final String before = System.getProperty(FunctionCode.ARTIFACT_PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(FunctionCode.ARTIFACT_PROPERTY);
        } else {
            System.setProperty(FunctionCode.ARTIFACT_PROPERTY, before);
        }
    }

    @Test
    void withoutAnArtifactTheFunctionsRunFromTheSandboxesClassPath() {
        System.setProperty(FunctionCode.ARTIFACT_PROPERTY, " ");
        ClassLoader sandbox = FunctionCodeTest.class.getClassLoader();

        assertThat(FunctionCode.loader(sandbox)).isSameAs(sandbox);
    }

    @Test
    void anArtifactsHandlersAreItsOwnClassesButTheLambdaRuntimesAndTheSandboxesAreShared() throws Exception {
        ClassLoader sandbox = FunctionCodeTest.class.getClassLoader();
        try (var artifact = new FunctionCode.ArtifactLoader(FUNCTION_CLASSES, sandbox)) {
            Class<?> handler = Class.forName("dev.berth.handlers.ObserveStepHandler", false, artifact);

            assertThat(handler.getClassLoader()).isSameAs(artifact);
            assertThat(handler).isNotSameAs(Class.forName("dev.berth.handlers.ObserveStepHandler", false, sandbox));
            assertThat(RequestStreamHandler.class.isAssignableFrom(handler)).isTrue();
            assertThat(Class.forName(FunctionCodeTest.class.getName(), false, artifact)).isSameAs(FunctionCodeTest.class);
            // Not in the classes folder, and not handed down from the sandbox: a function brings its own libraries.
            assertThatThrownBy(() -> Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, artifact))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void everySandboxStartedInOneJvmRunsTheArtifactsClassesLoadedOnce() {
        System.setProperty(FunctionCode.ARTIFACT_PROPERTY, FUNCTION_CLASSES.toString());
        ClassLoader sandbox = FunctionCodeTest.class.getClassLoader();

        ClassLoader first = FunctionCode.loader(sandbox);

        assertThat(first).isNotSameAs(sandbox).isInstanceOf(FunctionCode.ArtifactLoader.class);
        assertThat(FunctionCode.loader(sandbox)).isSameAs(first);
    }

    @Test
    void aNamedArtifactThatIsNotThereIsAClearError() {
        System.setProperty(FunctionCode.ARTIFACT_PROPERTY, "/nowhere/berth-functions-lambda.jar");

        assertThatThrownBy(() -> FunctionCode.loader(FunctionCodeTest.class.getClassLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nowhere/berth-functions-lambda.jar").hasMessageContaining("./berth build");
    }
}
