package dev.berth.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sandbox.TestPaths;
import java.net.URI;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The "try it" commands are one text: what {@code ./berth sandbox} prints is what the README shows. */
class TryItTest {

    @Test
    void theReadmeShowsTheCommandsForTheDefaultPort() throws Exception {
        String readme = Files.readString(TestPaths.projectRoot().resolve("README.md"));

        assertThat(readme).contains(TryIt.commands(URI.create("http://127.0.0.1:" + SandboxCommand.DEFAULT_PORT)));
    }

    @Test
    void theCommandsUseTheSandboxTheyArePrintedFor() {
        String commands = TryIt.commands(URI.create("http://127.0.0.1:4611"));

        assertThat(commands).contains("AWS_ENDPOINT_URL=http://127.0.0.1:4611", "http://127.0.0.1:4611/_berth/images/shop/web:1.2.0")
                .doesNotContain("${ENDPOINT}").doesNotContain("4599");
        assertThat(commands.lines().filter(line -> line.startsWith("aws ") || line.contains("$(aws "))).isNotEmpty();
    }
}
