package dev.berth.engine.fakes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.handlers.AcquireServiceHandler;
import dev.berth.handlers.ConcludeDeploymentHandler;
import dev.berth.handlers.ObserveStepHandler;
import dev.berth.handlers.PrepareRevisionHandler;
import dev.berth.handlers.StartStepHandler;
import dev.berth.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the real {@code statemachine/deployment.asl.json} against Berth's real handlers on in-memory ports,
 * the way Step Functions would, for the states and fields that definition uses: Task (Parameters with
 * {@code .$} paths and {@code $$.State.RetryCount}, ResultPath, Retry, Catch), Choice (StringEquals), Wait
 * (SecondsPath: the fake clock moves on instead of sleeping), Succeed and Fail. Each task invokes its handler
 * through JSON, as Lambda does; an exception is a Lambda error (Error = its class name, Cause = the
 * function's error JSON).
 */
public final class LocalStateMachine {

    private static final ObjectMapper JSON = Json.mapper();

    private final InMemoryPorts ports;
    private final JsonNode definition;
    private final Map<String, RequestStreamHandler> functions = new HashMap<>();

    public LocalStateMachine(InMemoryPorts ports) {
        this.ports = ports;
        this.definition = read(definitionFile());
        functions.put("${AcquireServiceFunctionArn}", new AcquireServiceHandler(ports));
        functions.put("${PrepareRevisionFunctionArn}", new PrepareRevisionHandler(ports));
        functions.put("${StartStepFunctionArn}", new StartStepHandler(ports));
        functions.put("${ObserveStepFunctionArn}", new ObserveStepHandler(ports));
        functions.put("${ConcludeDeploymentFunctionArn}", new ConcludeDeploymentHandler(ports));
        functions.put("${AwaitGateFunctionArn}", new dev.berth.handlers.AwaitGateHandler(ports));
    }

    /**
     * Runs every task function's SnapStart hooks, before a checkpoint and after a restore, as Lambda would
     * before the snapshot of each published version and in each restored sandbox.
     */
    public void prime() throws Exception {
        for (RequestStreamHandler function : functions.values()) {
            dev.berth.handlers.Priming priming = ((dev.berth.handlers.JsonStreamHandler<?, ?>) function).priming();
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);
        }
    }

    /** The definition file: {@code statemachine/} of the project, found from the module directory up. */
    static Path definitionFile() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            Path file = at.resolve("statemachine/deployment.asl.json");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("no statemachine/deployment.asl.json above " + dir);
    }

    /** Runs the execution a trigger (or the sweeper) started, from the input it was started with. */
    public Execution execution(String name) {
        String input = ports.executions().input(name).orElseThrow(() -> new IllegalStateException("no execution " + name + " was started"));
        return new Execution(name, input);
    }

    /** Starts an execution by hand, as StartExecution would, and gives it to run. */
    public Execution start(String name, String input) {
        ports.executions().start(name, input);
        return execution(name);
    }

    /** One execution, run state by state. */
    public final class Execution {
        private final String name;
        private final Instant startedAt;
        private ObjectNode data;
        private String current;
        private String status = "RUNNING";
        private Optional<String> error = Optional.empty();
        private Optional<String> cause = Optional.empty();
        private final List<String> path = new ArrayList<>();
        private final Map<String, List<RuntimeException>> injected = new HashMap<>();
        /** While a .waitForTaskToken task waits: its token, since when, and for how long at most. */
        private String waitingToken;
        private Instant waitingSince;
        private long waitingTimeout;
        private int tokens;
        private final List<String> logs = new ArrayList<>();

        Execution(String name, String input) {
            this.name = name;
            this.startedAt = ports.clock().instant();
            this.data = (ObjectNode) read(input);
            this.current = definition.path("StartAt").asText();
        }

        /**
         * The next invocation of {@code state}'s function fails with {@code error} after the function ran (a
         * response lost, a timeout after the work was done): what Step Functions retries.
         */
        public Execution failAfterRunning(String state, RuntimeException error) {
            injected.computeIfAbsent(state, s -> new ArrayList<>()).add(error);
            return this;
        }

        /** Runs until {@code state} is next (not yet run); fails when the execution ends first. */
        public Execution runUntil(String state) {
            for (int transitions = 0; transitions < 10_000; transitions++) {
                if (!isRunning()) {
                    throw new AssertionError("execution " + name + " ended " + status + " before reaching '" + state + "': " + path);
                }
                if (current.equals(state)) {
                    return this;
                }
                step();
            }
            throw new AssertionError("execution " + name + " never reached '" + state + "': " + path);
        }

        /** Runs past {@code state} once, then until it is next again. */
        public Execution runUntilNext(String state) {
            step();
            return runUntil(state);
        }

        /** Runs until the execution ends, or waits at a task token nobody answered yet. */
        public Execution runToEnd() {
            for (int transitions = 0; isRunning() && !blocked(); transitions++) {
                if (transitions > 10_000) {
                    throw new AssertionError("execution " + name + " does not end: " + path.subList(path.size() - 20, path.size()));
                }
                step();
            }
            return this;
        }

        /** Whether it waits on a task token that has no answer and has not timed out. */
        public boolean blocked() {
            return waitingToken != null && ports.executions().answerFor(waitingToken).isEmpty()
                    && !ports.clock().instant().isAfter(waitingSince.plusSeconds(waitingTimeout));
        }

        /** The task token it waits on, if it waits. */
        public Optional<String> waitingToken() {
            return Optional.ofNullable(waitingToken);
        }

        /** StopExecution, by hand. */
        public void stop() {
            end("ABORTED", Optional.empty(), Optional.empty());
        }

        /** Runs the current state. */
        public Execution step() {
            if (!isRunning()) {
                throw new IllegalStateException("execution " + name + " has ended");
            }
            long timeout = definition.path("TimeoutSeconds").asLong(0);
            if (timeout > 0 && ports.clock().instant().isAfter(startedAt.plusSeconds(timeout))) {
                end("TIMED_OUT", Optional.of("States.Timeout"), Optional.empty());
                return this;
            }
            JsonNode state = definition.path("States").path(current);
            if (state.isMissingNode()) {
                throw new IllegalStateException("no state '" + current + "' in the definition");
            }
            path.add(current);
            switch (state.path("Type").asText()) {
                case "Task" -> task(state);
                case "Choice" -> current = choice(state);
                case "Wait" -> {
                    ports.clock().advanceSeconds(state.has("SecondsPath") ? at(data, state.path("SecondsPath").asText()).asLong()
                            : state.path("Seconds").asLong());
                    current = state.path("Next").asText();
                }
                case "Succeed" -> end("SUCCEEDED", Optional.empty(), Optional.empty());
                case "Fail" -> end("FAILED", Optional.of(state.path("Error").asText()), Optional.of(state.path("Cause").asText()));
                default -> throw new IllegalStateException("state type " + state.path("Type") + " is not supported here");
            }
            return this;
        }

        private void task(JsonNode state) {
            if (state.path("Resource").asText().endsWith(".waitForTaskToken")) {
                if (waitingToken != null) {
                    answered(state);
                    return;
                }
                waitingToken = "token-" + name + "-" + (++tokens);
            }
            JsonNode payload = state.path("Resource").asText().endsWith(".waitForTaskToken") ? state.path("Parameters").path("Payload")
                    : state.path("Parameters");
            RequestStreamHandler function = functions.get(state.path("Resource").asText().endsWith(".waitForTaskToken")
                    ? state.path("Parameters").path("FunctionName").asText() : state.path("Resource").asText());
            Map<String, Integer> attempts = new HashMap<>();
            int retryCount = 0;
            while (true) {
                JsonNode input = parameters(payload, retryCount);
                RuntimeException failure;
                try {
                    JsonNode result = invoke(function, input);
                    List<RuntimeException> lost = injected.getOrDefault(current, List.of());
                    if (!lost.isEmpty()) {
                        throw lost.removeFirst();
                    }
                    if (waitingToken != null) {
                        // The function ran; the task now waits for its token to be answered (or to time out).
                        waitingSince = ports.clock().instant();
                        waitingTimeout = state.has("TimeoutSecondsPath") ? at(data, state.path("TimeoutSecondsPath").asText()).asLong()
                                : state.path("TimeoutSeconds").asLong(99_999_999);
                        return;
                    }
                    data = put(data, state.path("ResultPath").asText("$"), result);
                    current = state.path("Next").asText();
                    return;
                } catch (RuntimeException e) {
                    failure = e;
                }
                String errorName = errorName(failure);
                Optional<JsonNode> retrier = matching(state.path("Retry"), errorName);
                if (retrier.isPresent()) {
                    String key = retrier.get().toString();
                    int attempt = attempts.merge(key, 1, Integer::sum);
                    if (attempt <= retrier.get().path("MaxAttempts").asInt(3)) {
                        double interval = retrier.get().path("IntervalSeconds").asDouble(1)
                                * Math.pow(retrier.get().path("BackoffRate").asDouble(2), attempt - 1);
                        ports.clock().advance(Duration.ofMillis((long) (interval * 1000)));
                        retryCount++;
                        continue;
                    }
                }
                waitingToken = null;
                caught(state, errorName, causeOf(failure));
                return;
            }
        }

        /** A waiting task's token was answered, or its time is up: on with the output, or to its Catch. */
        private void answered(JsonNode state) {
            String token = waitingToken;
            Optional<FakeExecutions.Answer> answer = ports.executions().answerFor(token);
            if (answer.isEmpty() && !ports.clock().instant().isAfter(waitingSince.plusSeconds(waitingTimeout))) {
                throw new IllegalStateException("execution " + name + " waits on " + token + ": answer it or let its time pass");
            }
            waitingToken = null;
            if (answer.isEmpty()) {
                ports.executions().expire(token);
                caught(state, "States.Timeout", "");
            } else if (answer.get().success()) {
                if (!state.path("ResultPath").isNull()) { // ResultPath null: the answer is dropped, the input goes on
                    data = put(data, state.path("ResultPath").asText("$"), read(answer.get().output()));
                }
                current = state.path("Next").asText();
            } else {
                caught(state, answer.get().error(), answer.get().cause());
            }
        }

        private void caught(JsonNode state, String errorName, String cause) {
            Optional<JsonNode> catcher = matching(state.path("Catch"), errorName);
            if (catcher.isEmpty()) {
                end("FAILED", Optional.of(errorName), Optional.of(cause));
                return;
            }
            ObjectNode caught = JSON.createObjectNode().put("Error", errorName).put("Cause", cause);
            data = put(data, catcher.get().path("ResultPath").asText("$"), caught);
            current = catcher.get().path("Next").asText();
        }

        private JsonNode invoke(RequestStreamHandler function, JsonNode input) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                function.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(input)), out, context(current));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return read(out.toString(StandardCharsets.UTF_8));
        }

        private String choice(JsonNode state) {
            for (JsonNode rule : state.path("Choices")) {
                JsonNode value = at(data, rule.path("Variable").asText());
                if (rule.has("StringEquals") && value.isTextual() && value.asText().equals(rule.path("StringEquals").asText())) {
                    return rule.path("Next").asText();
                }
            }
            if (!state.has("Default")) {
                throw new IllegalStateException("no choice matched in '" + current + "' and it has no Default");
            }
            return state.path("Default").asText();
        }

        private JsonNode parameters(JsonNode template, int retryCount) {
            if (!template.isObject()) {
                return template.deepCopy();
            }
            ObjectNode resolved = JSON.createObjectNode();
            template.properties().forEach(field -> {
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    String path = field.getValue().asText();
                    JsonNode value = path.equals("$$.State.RetryCount") ? JSON.getNodeFactory().numberNode(retryCount)
                            : path.equals("$$.Task.Token") ? JSON.getNodeFactory().textNode(waitingToken) : at(data, path);
                    if (value.isMissingNode()) {
                        throw new IllegalStateException("States.Runtime: path " + path + " of '" + current + "' is not in the input");
                    }
                    resolved.set(key.substring(0, key.length() - 2), value.deepCopy());
                } else {
                    resolved.set(key, parameters(field.getValue(), retryCount));
                }
            });
            return resolved;
        }

        private void end(String how, Optional<String> error, Optional<String> cause) {
            status = how;
            this.error = error;
            this.cause = cause;
            ports.executions().end(name, how, ports.clock().instant(), error, cause);
        }

        private Context context(String state) {
            return new LocalContext(state, logs);
        }

        public boolean isRunning() {
            return status.equals("RUNNING");
        }

        /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED. */
        public String status() {
            return status;
        }

        public Optional<String> error() {
            return error;
        }

        /** The states run so far, in order. */
        public List<String> path() {
            return List.copyOf(path);
        }

        public long visits(String state) {
            return path.stream().filter(state::equals).count();
        }

        public String next() {
            return current;
        }

        public JsonNode data() {
            return data;
        }

        /** The log lines the handlers wrote (structured JSON). */
        public List<String> logs() {
            return List.copyOf(logs);
        }

        public String name() {
            return name;
        }
    }

    private static Optional<JsonNode> matching(JsonNode rules, String errorName) {
        for (JsonNode rule : rules) {
            for (JsonNode equals : rule.path("ErrorEquals")) {
                if (equals.asText().equals("States.ALL") || equals.asText().equals(errorName)) {
                    return Optional.of(rule);
                }
            }
        }
        return Optional.empty();
    }

    /** Lambda names a Java function's error by the exception's class; an injected platform error names itself. */
    private static String errorName(RuntimeException e) {
        return e instanceof PlatformError platform ? platform.name() : e.getClass().getName();
    }

    private static String causeOf(RuntimeException e) {
        ObjectNode cause = JSON.createObjectNode().put("errorMessage", String.valueOf(e.getMessage())).put("errorType", errorName(e));
        cause.putArray("stackTrace");
        return cause.toString();
    }

    /** An error of the Lambda service rather than of the function: {@code Lambda.ServiceException}, say. */
    public static final class PlatformError extends RuntimeException {
        private final String name;

        public PlatformError(String name, String message) {
            super(message);
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    static JsonNode at(JsonNode root, String path) {
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("not a path: " + path);
        }
        JsonNode node = root;
        for (String part : path.substring(1).split("\\.")) {
            if (!part.isEmpty()) {
                node = node.path(part);
            }
        }
        return node;
    }

    static ObjectNode put(ObjectNode root, String path, JsonNode value) {
        if (path.equals("$")) {
            return (ObjectNode) value;
        }
        String[] parts = path.substring(2).split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) && node.get(parts[i]).isObject() ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
        return root;
    }

    private static JsonNode read(Object source) {
        try {
            return source instanceof Path file ? JSON.readTree(file.toFile()) : JSON.readTree((String) source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
