package dev.berth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** However the sandbox's JVM ends, moto ends with it: closed, or killed outright. */
class SandboxLifetimeTest {

    private static final Duration EXIT_WITHIN = Duration.ofSeconds(15);

    @Test
    void closingTheSandboxStopsMotoAndFreesEveryPort() throws Exception {
        Sandbox sandbox = Sandbox.start(SandboxOptions.forProject(TestPaths.projectRoot()).withLogDir(TestPaths.logDir("lifetime-close")));
        ProcessHandle moto = sandbox.motoProcess();
        int motoPort = sandbox.motoEndpoint().getPort();
        int gatewayPort = sandbox.endpoint().getPort();
        assertThat(moto.isAlive()).isTrue();
        assertThat(moto.info().arguments().map(List::of).orElse(List.of())).contains("berth-sandbox-moto", "lambda-port=" + gatewayPort);
        assertThat(listening(motoPort)).isTrue();

        sandbox.close();

        assertThat(moto.onExit().get(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(listening(motoPort)).as("moto's port").isFalse();
        assertThat(listening(gatewayPort)).as("the front endpoint's port").isFalse();
        sandbox.close(); // idempotent
    }

    @Test
    void killingTheJvmThatHostsTheSandboxLeavesNoMotoBehind() throws Exception {
        Path logDir = TestPaths.logDir("lifetime-kill");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SandboxChild.class.getName(),
                TestPaths.projectRoot().toString(), logDir.toString()));
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(logDir.resolveSibling("lifetime-kill-child.stderr").toFile()))
                .start();
        ProcessHandle moto;
        int motoPort;
        try {
            String[] announced = announcement(child, Duration.ofSeconds(120)).split(" ");
            assertThat(announced[0]).isEqualTo("MOTO");
            moto = ProcessHandle.of(Long.parseLong(announced[1])).orElseThrow();
            motoPort = Integer.parseInt(announced[2]);
            assertThat(moto.isAlive()).isTrue();
            assertThat(listening(motoPort)).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close(), nothing runs in the child
        }
        assertThat(child.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();

        try {
            assertThat(moto.onExit().get(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(listening(motoPort)).isFalse();
        } finally {
            moto.destroyForcibly(); // only if the assertion failed: never leave it behind on this machine
        }
    }

    @Test
    void aPortInUseFailsTheStartAndLeavesNothingRunning() throws Exception {
        try (Sandbox first = Sandbox.start(SandboxOptions.forProject(TestPaths.projectRoot()).withLogDir(TestPaths.logDir("lifetime-port")))) {
            int taken = first.endpoint().getPort();
            List<ProcessHandle> motosBefore = motoProcesses();
            assertThatThrownBy(() -> Sandbox.start(SandboxOptions.forProject(TestPaths.projectRoot())
                    .withLogDir(TestPaths.logDir("lifetime-port-second")).withPort(taken)))
                    .hasMessageContaining(String.valueOf(taken));
            assertThat(motoProcesses()).containsExactlyInAnyOrderElementsOf(motosBefore);
        }
    }

    private static List<ProcessHandle> motoProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains("berth-sandbox-moto"))
                .toList();
    }

    private static String announcement(Process child, Duration timeout) throws Exception {
        var line = CompletableFuture.supplyAsync(() -> {
            try {
                var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String read;
                while ((read = reader.readLine()) != null) {
                    if (read.startsWith("MOTO ")) {
                        return read;
                    }
                }
                return "child exited with " + child.waitFor();
            } catch (IOException | InterruptedException e) {
                return "cannot read the child: " + e;
            }
        });
        return line.get(timeout.toSeconds(), TimeUnit.SECONDS);
    }

    private static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException other) {
            return false;
        }
    }
}
