package dev.berth.sandbox.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.FormParameters;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import dev.berth.sandbox.logging.LogFile;
import dev.berth.sandbox.template.AwsLocation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API served in-process, like {@code sam local start-lambda} without Docker: runs
 * the registered functions' real handlers with their own environments, answers in Lambda's wire
 * format (including function errors and timeouts), and counts invocations per function. Every
 * other Lambda API call passes on to moto.
 */
public final class LambdaEndpoint implements Interceptor, AutoCloseable {

    private static final Pattern INVOKE_PATH = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
    /** Lambda's payload limits: 6 MB for synchronous calls in and out, 256 KB for asynchronous ones. */
    private static final int SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
    private static final int ASYNC_PAYLOAD_LIMIT = 256 * 1024;
    private static final String JSON = "application/json";

    private final AwsLocation location;
    private final LogFile log;
    private final ClassLoader handlerLoader;
    private final Map<String, Deployed> functions = new ConcurrentHashMap<>();
    private final AsyncInvocations asyncInvocations;

    /** An endpoint whose asynchronous invocations have no destinations to send records to. */
    public LambdaEndpoint(AwsLocation location, LogFile log, ClassLoader handlerLoader) {
        this(location, log, handlerLoader, InvocationRecordSink.NONE, Duration.ofMillis(200));
    }

    /**
     * @param log             receives what the handlers log, one line each, tagged with function and request id
     * @param handlerLoader   where handler classes are loaded from
     * @param records         where the records of asynchronous invocations go (the functions' SQS destinations)
     * @param firstRetryDelay how long an asynchronous invocation waits after its first function error (Lambda: about a
     *                        minute); each further retry waits twice as long
     */
    public LambdaEndpoint(AwsLocation location, LogFile log, ClassLoader handlerLoader, InvocationRecordSink records,
                          Duration firstRetryDelay) {
        this.location = location;
        this.log = log;
        this.handlerLoader = handlerLoader;
        this.asyncInvocations = new AsyncInvocations(firstRetryDelay, records, log, Clock.systemUTC());
    }

    /** Result of one invocation as Lambda reports it. */
    public record Invocation(String requestId, Optional<String> functionError, byte[] payload, byte[] logTail) {
        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** Makes a function invocable; its handler is constructed on its first invocation. */
    public void register(LambdaFunction function) {
        if (functions.putIfAbsent(function.name(), new Deployed(function)) != null) {
            throw new IllegalStateException("a function called " + function.name() + " is already registered");
        }
    }

    public Set<String> functionNames() {
        return new TreeSet<>(functions.keySet());
    }

    public Optional<LambdaFunction> function(String name) {
        return Optional.ofNullable(functions.get(name)).map(Deployed::function);
    }

    /** How many times the function was invoked (synchronously or not, successfully or not). */
    public long invocationCount(String functionName) {
        return Optional.ofNullable(functions.get(functionName)).map(d -> d.invocations.sum()).orElse(0L);
    }

    /** Invocations per function name. */
    public Map<String, Long> invocationCounts() {
        var counts = new TreeMap<String, Long>();
        functions.forEach((name, deployed) -> counts.put(name, deployed.invocations.sum()));
        return counts;
    }

    public void resetInvocationCounts() {
        functions.values().forEach(d -> d.invocations.reset());
    }

    /** Invokes a function synchronously, in-process (what a RequestResponse Invoke does, without HTTP). */
    public Invocation invoke(String functionName, byte[] payload) {
        Deployed deployed = Optional.ofNullable(functions.get(functionName))
                .orElseThrow(() -> new IllegalArgumentException("no function called " + functionName));
        return run(deployed, deployed.function.arn(), payload, UUID.randomUUID().toString());
    }

    @Override
    public Optional<AwsResponse> handle(AwsRequest request, Upstream next) {
        Matcher path = INVOKE_PATH.matcher(request.path());
        if (!request.method().equals("POST") || !path.matches()
                || !(request.service().equals("lambda") || request.service().isEmpty())) {
            return Optional.empty();
        }
        String reference = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        String name = functionName(reference);
        Deployed deployed = functions.get(name);
        if (deployed == null) {
            return Optional.of(lambdaError(404, "ResourceNotFoundException",
                    "Function not found: " + location.lambdaFunctionArn(name)
                            + FormParameters.of(request.rawQuery()).first("Qualifier").map(q -> ":" + q).orElse("")));
        }
        String invokedArn = reference.startsWith("arn:") ? reference : location.lambdaFunctionArn(reference);
        String invocationType = request.header("x-amz-invocation-type").orElse("RequestResponse");
        return Optional.of(switch (invocationType) {
            case "RequestResponse" -> synchronous(deployed, invokedArn, request);
            case "Event" -> asynchronous(deployed, invokedArn, request.body());
            case "DryRun" -> new AwsResponse(204, Map.of("x-amzn-requestid", List.of(UUID.randomUUID().toString())), new byte[0]);
            default -> lambdaError(400, "InvalidParameterValueException", "Unsupported InvocationType: " + invocationType);
        });
    }

    /** Waits (bounded) for asynchronous invocations still running, then stops them; pending retries are dropped. */
    @Override
    public void close() {
        asyncInvocations.close();
    }

    private AwsResponse synchronous(Deployed deployed, String invokedArn, AwsRequest request) {
        if (request.body().length > SYNC_PAYLOAD_LIMIT) {
            return lambdaError(413, "RequestTooLargeException", "Request must be smaller than " + SYNC_PAYLOAD_LIMIT
                    + " bytes for the InvokeFunction operation");
        }
        Invocation invocation = run(deployed, invokedArn, request.body(), UUID.randomUUID().toString());
        var headers = new LinkedHashMap<String, List<String>>();
        headers.put("content-type", List.of(JSON));
        headers.put("x-amzn-requestid", List.of(invocation.requestId()));
        headers.put("x-amz-executed-version", List.of("$LATEST"));
        invocation.functionError().ifPresent(error -> headers.put("x-amz-function-error", List.of(error)));
        if (request.header("x-amz-log-type").filter("Tail"::equals).isPresent()) {
            headers.put("x-amz-log-result", List.of(Base64.getEncoder().encodeToString(invocation.logTail())));
        }
        return new AwsResponse(200, headers, invocation.payload());
    }

    /** Lambda queues the event, answers 202 at once, and runs the function later, retrying function errors. */
    private AwsResponse asynchronous(Deployed deployed, String invokedArn, byte[] payload) {
        if (payload.length > ASYNC_PAYLOAD_LIMIT) {
            return lambdaError(413, "RequestTooLargeException", "Request must be smaller than " + ASYNC_PAYLOAD_LIMIT
                    + " bytes for the InvokeAsync operation");
        }
        String requestId = UUID.randomUUID().toString();
        asyncInvocations.submit(deployed.function, requestId, payload, id -> run(deployed, invokedArn, payload, id));
        return new AwsResponse(202, Map.of("x-amzn-requestid", List.of(requestId)), new byte[0]);
    }

    private Invocation run(Deployed deployed, String invokedArn, byte[] payload, String requestId) {
        LambdaFunction function = deployed.function;
        deployed.invocations.increment();
        var logger = new FunctionLogger(log, function.name(), requestId);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(function.timeoutSeconds());
        var context = new InvocationContext(requestId, function, invokedArn, deadline, logger);
        logger.write("START RequestId: " + requestId + " Version: $LATEST");
        long started = System.nanoTime();
        var task = new FutureTask<>(() -> {
            Thread.currentThread().setContextClassLoader(handlerLoader);
            return deployed.handler(handlerLoader).invoke(payload, context);
        });
        Thread.ofVirtual().name("lambda-" + function.name() + "-" + requestId).start(task);
        Invocation invocation;
        try {
            byte[] response = task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            invocation = response.length > SYNC_PAYLOAD_LIMIT
                    ? failure(requestId, "Function.ResponseSizeTooLarge", "Response payload size (" + response.length
                            + " bytes) exceeded maximum allowed payload size (" + SYNC_PAYLOAD_LIMIT + " bytes).", logger)
                    : new Invocation(requestId, Optional.empty(), response, new byte[0]);
        } catch (TimeoutException e) {
            task.cancel(true);
            invocation = failure(requestId, "Sandbox.Timedout", "Task timed out after " + function.timeoutSeconds() + ".00 seconds", logger);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            logger.write(cause.getClass().getName() + ": " + cause.getMessage());
            invocation = new Invocation(requestId, Optional.of("Unhandled"), errorBody(cause), new byte[0]);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            invocation = failure(requestId, "Sandbox.Interrupted", "the sandbox stopped while the function ran", logger);
        }
        logger.write("END RequestId: " + requestId);
        logger.write("REPORT RequestId: " + requestId + " Duration: " + (System.nanoTime() - started) / 1_000_000
                + " ms Memory Size: " + function.memoryMb() + " MB");
        return new Invocation(invocation.requestId(), invocation.functionError(), invocation.payload(), logger.tail());
    }

    private Invocation failure(String requestId, String errorType, String message, FunctionLogger logger) {
        logger.write(requestId + " " + message);
        ObjectNode body = Json.mapper().createObjectNode().put("errorMessage", message).put("errorType", errorType);
        return new Invocation(requestId, Optional.of("Unhandled"), bytes(body), new byte[0]);
    }

    /** What the Lambda Java runtime writes for an uncaught exception; Step Functions matches Retry and Catch on errorType. */
    private byte[] errorBody(Throwable error) {
        return bytes(errorNode(error, 0));
    }

    private ObjectNode errorNode(Throwable error, int depth) {
        ObjectNode node = Json.mapper().createObjectNode()
                .put("errorMessage", Optional.ofNullable(error.getMessage()).orElse(error.getClass().getName()))
                .put("errorType", error.getClass().getName());
        ArrayNode trace = node.putArray("stackTrace");
        for (StackTraceElement element : error.getStackTrace()) {
            trace.add(element.toString());
        }
        if (error.getCause() != null && error.getCause() != error && depth < 10) {
            node.set("cause", errorNode(error.getCause(), depth + 1));
        }
        return node;
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Lambda error body", e);
        }
    }

    private AwsResponse lambdaError(int status, String type, String message) {
        ObjectNode body = Json.mapper().createObjectNode().put("Type", "User").put("Message", message);
        return new AwsResponse(status, Map.of("content-type", List.of(JSON), "x-amzn-errortype", List.of(type),
                "x-amzn-requestid", List.of(UUID.randomUUID().toString())), bytes(body));
    }

    /**
     * The function name in any form Invoke accepts: {@code Name}, {@code Name:qualifier},
     * {@code 123456789012:function:Name[:qualifier]} or the full ARN. The sandbox has one version
     * of each function, so every qualifier (version or alias) runs it.
     */
    static String functionName(String reference) {
        String[] parts = reference.split(":");
        if (reference.startsWith("arn:") && parts.length >= 7) {
            return parts[6];
        }
        if (parts.length >= 3 && parts[1].equals("function")) {
            return parts[2];
        }
        return parts[0];
    }

    /** A registered function and its handler, constructed once, on first use, by whichever invocation gets there first. */
    private static final class Deployed {
        private final LambdaFunction function;
        private final LongAdder invocations = new LongAdder();
        private HandlerInstance handler;

        Deployed(LambdaFunction function) {
            this.function = function;
        }

        LambdaFunction function() {
            return function;
        }

        /** A failed initialisation is retried on the next invocation, as Lambda does with a fresh environment. */
        synchronized HandlerInstance handler(ClassLoader loader) throws ReflectiveOperationException {
            if (handler == null) {
                handler = HandlerInstance.create(function, loader, HandlerInstance.customSerializer(loader));
            }
            return handler;
        }
    }
}
