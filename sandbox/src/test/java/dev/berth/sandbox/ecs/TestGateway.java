package dev.berth.sandbox.ecs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The smallest front endpoint that puts an {@link Interceptor} between the AWS SDK and moto: HTTP in,
 * {@link AwsRequest} through the interceptor, the rest forwarded to moto. Only for these tests; the
 * sandbox has its own gateway.
 */
final class TestGateway implements AutoCloseable {

    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI moto;
    private final AtomicReference<Interceptor> interceptor = new AtomicReference<>((request, next) -> Optional.empty());
    private final Upstream toMoto = this::forward;

    TestGateway(URI moto) throws IOException {
        this.moto = moto;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void use(Interceptor next) {
        interceptor.set(next);
    }

    /** Straight to moto, as the interceptor's {@code next} sees it. */
    Upstream upstream() {
        return toMoto;
    }

    private void serve(HttpExchange exchange) throws IOException {
        AwsResponse response;
        try {
            AwsRequest request = toAwsRequest(exchange);
            Optional<AwsResponse> answered = interceptor.get().handle(request, toMoto);
            response = answered.isPresent() ? answered.get() : forward(request);
        } catch (IOException | RuntimeException e) {
            // Let the test see the failure as a 500 with the cause, not as a hung connection.
            response = new AwsResponse(500, Map.of("content-type", List.of("text/plain")),
                    e.toString().getBytes(StandardCharsets.UTF_8));
        }
        try (exchange) {
            response.headers().forEach((name, values) -> {
                if (!RESTRICTED.contains(name) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static AwsRequest toAwsRequest(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Optional<String> authorization = Optional.ofNullable(headers.get("authorization")).map(List::getFirst);
        String service = authorization.flatMap(SigV4Scope::parse).map(SigV4Scope::signingName).orElse("");
        Optional<String> target = Optional.ofNullable(headers.get("x-amz-target")).map(List::getFirst);
        Optional<String> action = target.map(value -> value.substring(value.indexOf('.') + 1))
                .or(() -> FormBody.of(rawQuery, new String(body, StandardCharsets.UTF_8)).first("Action"));
        return new AwsRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), rawQuery, headers,
                body, service, action);
    }

    private AwsResponse forward(AwsRequest request) throws IOException {
        URI uri = moto.resolve(request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            return new AwsResponse(response.statusCode(), headers, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling moto", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
