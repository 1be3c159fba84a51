package dev.berth.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./berth promote|abort}: its usage errors, and Berth's refusal as the command's own, against the sandbox. */
class GateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String decision, String... arguments) {
        return new GateCommand(decision).run(List.of(arguments), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutADeploymentItSaysHowToCallIt() {
        assertThat(run("promote")).isEqualTo(2);
        assertThat(errors()).contains("berth promote: give the id of one deployment waiting at a manual gate")
                .contains("usage: ./berth promote <deployment-id> [--reason TEXT] [--as NAME] [--endpoint URL]");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("abort", "d-1", "--force")).isEqualTo(2);
        assertThat(errors()).contains("berth abort: unknown option '--force'");
    }

    @Test
    void noSandboxAtTheEndpointSaysHowToStartOne() {
        assertThat(run("promote", "d-1", "--endpoint", "http://127.0.0.1:9")).isEqualTo(1);
        assertThat(errors()).contains("no sandbox answers at http://127.0.0.1:9").contains("./berth sandbox");
    }

    @Test
    void aDeploymentNotWaitingIsRefusedWithBerthsReason() {
        LocalBerth berth = SharedLocalBerth.get();
        assertThat(run("abort", "d-nothing-waits", "--endpoint", berth.sandbox().endpoint().toString(), "--reason", "test")).isEqualTo(1);
        assertThat(errors()).contains("berth abort: no deployment d-nothing-waits");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
