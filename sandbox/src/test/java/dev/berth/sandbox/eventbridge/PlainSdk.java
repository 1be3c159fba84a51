package dev.berth.sandbox.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What a user outside Berth has: the AWS SDK pointed at the sandbox's endpoint, and plain HTTP for
 * its {@code /_berth/} control API. No Berth class is on the path of these tests' assertions.
 */
final class PlainSdk {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainSdk() {}

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("berthsandbox", "berthsandbox")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** GET of a control path, as JSON. */
    static JsonNode get(URI endpoint, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** PUT of a control path: the status and the body. */
    static HttpResponse<String> put(URI endpoint, String path, String body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** How often the sandbox has invoked the function so far ({@code GET /_berth/info}). */
    static long invocations(URI endpoint, String function) throws IOException, InterruptedException {
        return get(endpoint, "/_berth/info").path("invocations").path(function).asLong();
    }

    /** Polls (bounded) until {@code condition} holds; false if it never did. */
    static boolean eventually(Check condition) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return true;
            }
            Thread.sleep(25);
        }
        return condition.holds();
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
