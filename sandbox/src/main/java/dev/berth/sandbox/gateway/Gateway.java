package dev.berth.sandbox.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.json.Json;
import dev.berth.sandbox.logging.LogFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sandbox's one front endpoint: every AWS call comes here, passes the interceptors in order
 * (the Lambda endpoint, the simulated ECS data plane), and otherwise goes on to DynamoDB Local
 * (service {@code dynamodb}) or to moto (everything else). {@code /_berth/health} says whether it is ready.
 */
public final class Gateway implements AutoCloseable {

    /** Where calls go: interceptors first, in order, then the emulator for the call's service. */
    public record Routes(List<Interceptor> interceptors, Upstream dynamoDb, Upstream otherServices) {
        public Routes {
            interceptors = List.copyOf(interceptors);
        }
    }

    private static final String CONTROL_PREFIX = "/_berth/";
    private static final String JSON = "application/json";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Optional<LogFile> accessLog;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private volatile Optional<Routes> routes = Optional.empty();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Gateway(HttpServer server, ExecutorService executor, Optional<LogFile> accessLog) {
        this.server = server;
        this.executor = executor;
        this.accessLog = accessLog;
    }

    /**
     * Binds 127.0.0.1 and starts serving. Until {@link #route} is called, AWS calls get a 503
     * "still starting": the port must exist before moto starts, because moto is told to call it.
     *
     * @param port      the port, or 0 for one the OS picks
     * @param accessLog where to write one line per call, if anywhere
     */
    public static Gateway start(int port, Optional<LogFile> accessLog) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        var gateway = new Gateway(server, executor, accessLog);
        server.createContext("/", gateway::serve);
        server.start();
        return gateway;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Sets where calls go from now on. */
    public void route(Routes routes) {
        this.routes = Optional.of(routes);
    }

    /** How many calls reached the gateway, per {@code service.Action} (REST calls without an action: {@code service.METHOD path}). */
    public Map<String, Long> callCounts() {
        var snapshot = new TreeMap<String, Long>();
        calls.forEach((key, count) -> snapshot.put(key, count.sum()));
        return snapshot;
    }

    public void resetCallCounts() {
        calls.clear();
    }

    /** Stops accepting calls, gives calls in flight a second to finish, and stops. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(1);
            executor.shutdownNow();
            accessLog.ifPresent(LogFile::close);
        }
    }

    private void serve(HttpExchange exchange) {
        long started = System.nanoTime();
        AwsRequest request = null;
        AwsResponse response;
        try {
            request = read(exchange);
            response = dispatch(request);
        } catch (HttpForwarder.UpstreamTimeoutException e) {
            response = error(504, "UpstreamTimeout", e.getMessage());
        } catch (Throwable t) {
            response = error(500, "SandboxGatewayError", describe(request, t));
        }
        // Counted and logged before answering, so whoever got the answer can already see both.
        if (request != null) {
            record(request, response.status(), System.nanoTime() - started);
        }
        try {
            write(exchange, response);
        } catch (IOException e) {
            // The caller hung up; there is no one left to tell.
        } finally {
            exchange.close();
        }
    }

    private void record(AwsRequest request, int status, long nanos) {
        boolean control = request.path().startsWith(CONTROL_PREFIX);
        String key = control ? request.method() + " " + request.path()
                : request.service() + "." + request.action().orElse(request.method() + " " + request.path());
        if (!control) { // the counters are for AWS calls: what the benchmarks compare
            calls.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
        accessLog.ifPresent(log -> log.line(status + " " + key + " " + nanos / 1_000_000 + "ms"));
    }

    private AwsResponse dispatch(AwsRequest request) throws IOException {
        if (request.path().equals(CONTROL_PREFIX + "health")) {
            return routes.isPresent()
                    ? AwsResponse.json(200, "{\"status\":\"ok\"}", JSON)
                    : AwsResponse.json(503, "{\"status\":\"starting\"}", JSON);
        }
        if (routes.isEmpty()) {
            return error(503, "SandboxStarting", "the Berth sandbox is still starting; try again in a moment");
        }
        return chain(routes.get(), 0).send(request);
    }

    /** The rest of the chain from interceptor {@code index} on, ending at the emulator for the call's service. */
    private Upstream chain(Routes routes, int index) {
        if (index == routes.interceptors().size()) {
            return request -> request.path().startsWith(CONTROL_PREFIX)
                    ? error(404, "UnknownControlPath", "no sandbox control endpoint at " + request.method() + " " + request.path())
                    : (request.service().equals("dynamodb") ? routes.dynamoDb() : routes.otherServices()).send(request);
        }
        Interceptor interceptor = routes.interceptors().get(index);
        Upstream next = chain(routes, index + 1);
        return request -> {
            Optional<AwsResponse> answer = interceptor.handle(request, next);
            return answer.isPresent() ? answer.get() : next.send(request);
        };
    }

    private static AwsRequest read(HttpExchange exchange) throws IOException {
        var headers = new LinkedHashMap<String, List<String>>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> {
                    var both = new java.util.ArrayList<>(a);
                    both.addAll(b);
                    return List.copyOf(both);
                }));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = exchange.getRequestURI();
        String path = Optional.ofNullable(uri.getRawPath()).filter(p -> !p.isEmpty()).orElse("/");
        String query = Optional.ofNullable(uri.getRawQuery()).orElse("");
        Map<String, List<String>> frozen = Map.copyOf(headers);
        return new AwsRequest(exchange.getRequestMethod(), path, query, frozen, body,
                RequestClassifier.service(frozen, path, query), RequestClassifier.action(frozen, path, query, body));
    }

    private static void write(HttpExchange exchange, AwsResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> {
            if (!HttpForwarder.HOP_BY_HOP.contains(name) && !name.equals("date")) {
                headers.put(name, values);
            }
        });
        boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD")
                || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            exchange.getResponseBody().write(response.body());
        }
    }

    private static String describe(AwsRequest request, Throwable t) {
        String call = request == null ? "reading the request"
                : request.method() + " " + request.path() + " (" + request.service() + request.action().map(a -> "." + a).orElse("") + ")";
        return "the Berth sandbox failed on " + call + ": " + t;
    }

    private static AwsResponse error(int status, String type, String message) {
        String body = Json.mapper().createObjectNode().put("__type", type).put("message", message).toString();
        var headers = Map.of("content-type", List.of(JSON), "x-amzn-errortype", List.of(type));
        return new AwsResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
