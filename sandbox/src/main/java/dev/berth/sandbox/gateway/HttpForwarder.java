package dev.berth.sandbox.gateway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** An {@link Upstream} that replays the call over HTTP to an emulator (moto, DynamoDB Local) and returns its answer as is. */
public final class HttpForwarder implements Upstream, AutoCloseable {

    /**
     * Headers that describe one hop, not the call: the client sets its own, and Java's HTTP client
     * refuses some of them ({@code host}, {@code content-length}, {@code expect}...).
     */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "http2-settings");

    private final String name;
    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param name    what the upstream is, for error messages ("moto", "DynamoDB Local")
     * @param timeout the longest a call may take before the gateway answers 504 instead of hanging
     */
    public HttpForwarder(String name, URI base, Duration timeout) {
        this.name = name;
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // the emulators speak HTTP/1.1 only; no h2c upgrade attempts
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public URI base() {
        return base;
    }

    @Override
    public AwsResponse send(AwsRequest request) throws IOException {
        String target = base.toString().replaceAll("/$", "") + request.path()
                + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        var builder = HttpRequest.newBuilder(URI.create(target))
                .timeout(timeout)
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((header, values) -> {
            if (!HOP_BY_HOP.contains(header)) {
                values.forEach(value -> builder.header(header, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new UpstreamTimeoutException(name + " did not answer " + request.method() + " " + request.path()
                    + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + name);
        } catch (IOException e) {
            throw new IOException(name + " at " + base + " cannot be reached: " + e.getMessage(), e);
        }
        var headers = new LinkedHashMap<String, List<String>>();
        response.headers().map().forEach((header, values) -> {
            String lower = header.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !lower.equals("date") && !lower.startsWith(":")) {
                headers.put(lower, List.copyOf(values));
            }
        });
        return new AwsResponse(response.statusCode(), Map.copyOf(headers), response.body());
    }

    /** Drops the connections to the upstream; calls still in flight fail rather than keep the caller waiting. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    /** The upstream took longer than the forwarder's timeout. */
    public static final class UpstreamTimeoutException extends IOException {
        public UpstreamTimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
