package dev.berth.sandbox.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs cfn-lint (on the machine's Python, as CI has it) on a template of the project, and holds it to no findings. */
final class CfnLint {

    private CfnLint() {}

    static void findsNothingIn(Path root, String template) throws IOException, InterruptedException {
        Process lint;
        try {
            lint = new ProcessBuilder("cfn-lint", template).directory(root.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cfn-lint is not installed: pip install cfn-lint (" + e.getMessage() + ")", e);
        }
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        assertThat(output).as("cfn-lint output for " + template).isBlank();
        assertThat(lint.exitValue()).isZero();
    }
}
