package dev.berth.sandbox.moto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * moto server as a child process on a free loopback port, tied to this JVM's life: it exits when
 * the JVM closes it, exits, or dies in any way (even SIGKILL), because it watches a pipe from the JVM.
 */
public final class MotoServer implements AutoCloseable {

    /** The install hint, the one line a user sees when moto is missing. */
    static final String INSTALL_HINT = "moto is not installed: run pip install \"moto[server]\"";
    /** Exit status of the launcher when {@code import moto} fails, to tell "not installed" from a crash. */
    private static final int EXIT_MOTO_MISSING = 3;

    /**
     * The launcher. It serves moto on a port the OS picks (no race for a "free" port), reports
     * {@code <pid> <port>} on stdout, points stdout at the log, then blocks reading stdin: the JVM
     * holds the only write end of that pipe, and the kernel closes it however the JVM ends, so EOF
     * means "the JVM is gone" and the process exits at once, with every server thread.
     *
     * <p>It also mends one moto 5 bug: its executing Step Functions deep-copies the state machine
     * for every execution, earlier executions included, whose locks cannot be copied, so a state
     * machine could run only once (every later StartExecution was a 500). The copy now leaves the
     * executions out (the execution needs only the definition) and shares the backend.
     *
     * <p>And a second: its SendTaskFailure passes on the error but drops the {@code cause}, which AWS hands to the
     * waiting task's Catch (a manual gate's abort carries its reason there); the cause is passed on too.
     */
    private static final String LAUNCHER = """
            import copy, os, sys
            try:
                from moto.server import ThreadedMotoServer
            except ImportError as error:
                sys.stderr.write("berth: cannot import moto.server with %s: %s\\n" % (sys.executable, error))
                sys.exit(3)
            try:
                from moto.stepfunctions import models as stepfunctions_models
                def copy_without_executions(self, memo):
                    clone = self.__class__.__new__(self.__class__)
                    memo[id(self)] = clone
                    for key, value in self.__dict__.items():
                        clone.__dict__[key] = [] if key == "executions" else value if key == "backend" else copy.deepcopy(value, memo)
                    return clone
                stepfunctions_models.StateMachineInstance.__deepcopy__ = copy_without_executions
            except (ImportError, AttributeError) as error:
                sys.stderr.write("berth: moto's Step Functions left as is (%s): a state machine may run only once\\n" % error)
            try:
                from moto.stepfunctions import responses as stepfunctions_responses
                from moto.core.responses import EmptyResult
                import inspect
                def send_task_failure_with_cause(self):
                    backend = self.stepfunction_backend
                    passed = {"error": self._get_param("error")}
                    if "cause" in inspect.signature(backend.send_task_failure).parameters:
                        passed["cause"] = self._get_param("cause")
                    backend.send_task_failure(self._get_param("taskToken"), **passed)
                    return EmptyResult()
                stepfunctions_responses.StepFunctionResponse.send_task_failure = send_task_failure_with_cause
            except (ImportError, AttributeError) as error:
                sys.stderr.write("berth: moto's SendTaskFailure left as is (%s): a failed task loses its cause\\n" % error)
            server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
            server.start()
            sys.stdout.write("%d %d\\n" % (os.getpid(), server.get_host_and_port()[1]))
            sys.stdout.flush()
            os.dup2(2, 1)
            try:
                while sys.stdin.buffer.read(65536):
                    pass
            finally:
                os._exit(0)
            """;

    /** Environment variables that would send moto's own calls (Step Functions to Lambda) through a proxy. */
    private static final List<String> PROXY_VARIABLES = List.of(
            "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy");

    private final Process process;
    private final ProcessHandle server;
    private final int port;
    private final Path logFile;
    private final HttpClient http;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MotoServer(Process process, ProcessHandle server, int port, Path logFile) {
        this.process = process;
        this.server = server;
        this.port = port;
        this.logFile = logFile;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.shutdownHook = Thread.ofPlatform().unstarted(this::stopProcess);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts moto and waits (bounded) until it answers.
     *
     * @param lambdaPort where moto's Step Functions sends Lambda invocations: moto calls
     *                   {@code http://localhost:$MOTO_PORT}, so this is the sandbox's front endpoint
     * @param logFile    receives moto's output (emptied first)
     * @throws MotoNotInstalledException when the python has no moto
     */
    public static MotoServer start(int lambdaPort, Path logFile, Duration startTimeout) {
        return start(defaultPython(), lambdaPort, logFile, startTimeout);
    }

    /** The python to run moto with: {@code $BERTH_PYTHON} if set, else {@code python3} from the PATH. */
    public static String defaultPython() {
        return Optional.ofNullable(System.getenv("BERTH_PYTHON")).filter(p -> !p.isBlank()).orElse("python3");
    }

    /** Starts moto with the given python executable (a name looked up on the PATH, or a path). */
    public static MotoServer start(String python, int lambdaPort, Path logFile, Duration startTimeout) {
        String pythonShown = findOnPath(python).map(Path::toString)
                .orElse(python + (python.contains("/") ? " (not found)" : " (not found on PATH)"));
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory for " + logFile, e);
        }
        // The marker and MOTO_PORT in the arguments make the process recognisable in `ps` and to tests.
        var builder = new ProcessBuilder(python, "-c", LAUNCHER, "berth-sandbox-moto", "lambda-port=" + lambdaPort)
                .redirectError(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> environment = builder.environment();
        environment.put("MOTO_PORT", Integer.toString(lambdaPort));
        PROXY_VARIABLES.forEach(environment::remove);
        environment.put("NO_PROXY", "localhost,127.0.0.1");
        environment.put("PYTHONUNBUFFERED", "1");

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new MotoNotInstalledException(INSTALL_HINT + " (tried " + pythonShown + ")");
        }
        String announcement;
        try {
            announcement = readFirstLine(process, startTimeout);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        if (announcement.isEmpty()) {
            int status = waitForExit(process, Duration.ofSeconds(5));
            if (status == EXIT_MOTO_MISSING || status == 127) {
                throw new MotoNotInstalledException(INSTALL_HINT + " (tried " + pythonShown + ")");
            }
            throw new IllegalStateException("moto exited with status " + status + " before serving; its log "
                    + logFile + " ends with: " + tail(logFile));
        }
        String[] parts = announcement.strip().split(" ");
        long pid = Long.parseLong(parts[0]);
        int port = Integer.parseInt(parts[1]);
        ProcessHandle server = ProcessHandle.of(pid).orElse(process.toHandle());
        var moto = new MotoServer(process, server, port, logFile);
        moto.awaitAnswering(startTimeout);
        return moto;
    }

    /** moto's own endpoint (the sandbox's callers use the front endpoint instead). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The python process serving moto. */
    public ProcessHandle process() {
        return server;
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Makes moto's Step Functions execute definitions instead of only storing them. Must happen
     * before state machines are created: moto keeps executing and non-executing state machines in
     * separate backends.
     */
    public void enableStepFunctionsExecution() {
        post("/moto-api/config", "{\"stepfunctions\": {\"execute_state_machine\": true}}", 201);
    }

    /** Forgets every resource moto holds (its configuration, such as Step Functions execution, stays). */
    public void reset() {
        post("/moto-api/reset", "", 200);
    }

    /** Stops moto: closes the pipe it watches, then terminates it if it does not go within seconds. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stopProcess();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or will run; stopping twice is harmless.
            }
        }
    }

    private void stopProcess() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already closed: the process sees EOF either way.
        }
        if (!awaitExit(Duration.ofSeconds(5))) {
            server.destroy();
            if (!awaitExit(Duration.ofSeconds(3))) {
                server.destroyForcibly();
                awaitExit(Duration.ofSeconds(3));
            }
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            server.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return !server.isAlive();
        }
    }

    private void awaitAnswering(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                var response = http.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(50); // bounded polling: the port is bound before it is announced, so this rarely repeats
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("moto did not answer on " + endpoint() + " within " + timeout
                + (last == null ? "" : " (" + last + ")") + "; its log " + logFile + " ends with: " + tail(logFile));
    }

    private void post(String path, String body, int expectedStatus) {
        try {
            var response = http.send(HttpRequest.newBuilder(endpoint().resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException("moto answered " + path + " with " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto did not take " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling moto " + path, e);
        }
    }

    /** The launcher's announcement, or "" when the process ended without one. Bounded by {@code timeout}. */
    private static String readFirstLine(Process process, Duration timeout) {
        var line = CompletableFuture.supplyAsync(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                return Optional.ofNullable(reader.readLine()).orElse("");
            } catch (IOException e) {
                return "";
            }
        }, runnable -> Thread.ofVirtual().name("moto-announcement").start(runnable));
        try {
            return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("moto did not start within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting moto", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read moto's announcement", e.getCause());
        }
    }

    private static int waitForExit(Process process, Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return -1;
    }

    private static Optional<Path> findOnPath(String command) {
        if (command.contains("/")) {
            Path path = Path.of(command);
            return Files.isExecutable(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String directory : pathVariable.split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, command);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(" | ", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
