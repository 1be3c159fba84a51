package dev.berth.sandbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sandbox.TestPaths;
import dev.berth.sandbox.logging.LogFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway alone, over real HTTP, with recording upstreams instead of emulators. */
class GatewayTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> dynamoDbCalls = new CopyOnWriteArrayList<>();
    private final List<AwsRequest> motoCalls = new CopyOnWriteArrayList<>();
    private final Upstream dynamoDb = request -> {
        dynamoDbCalls.add(request.action().orElse("?"));
        return AwsResponse.json(200, "{\"from\":\"dynamodb\"}", "application/x-amz-json-1.0");
    };
    private final Upstream moto = request -> {
        motoCalls.add(request);
        return new AwsResponse(201, Map.of("x-from", List.of("moto"), "content-type", List.of("text/plain")),
                ("moto saw " + request.method() + " " + request.path() + "?" + request.rawQuery() + " " + request.bodyText())
                        .getBytes(StandardCharsets.UTF_8));
    };
    private Gateway gateway;

    @BeforeEach
    void start() throws IOException {
        gateway = Gateway.start(0, Optional.of(LogFile.open(TestPaths.logDir("gateway-test").resolve("gateway.log"))));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void untilRoutedItSaysItIsStartingInsteadOfHanging() throws Exception {
        assertThat(send("GET", "/_berth/health", Map.of(), "").statusCode()).isEqualTo(503);
        HttpResponse<String> call = send("POST", "/", Map.of("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters"), "{}");
        assertThat(call.statusCode()).isEqualTo(503);
        assertThat(call.body()).contains("still starting");
    }

    @Test
    void dynamoDbCallsGoToDynamoDbAndTheRestToMotoWithMethodPathQueryHeadersAndBody() throws Exception {
        gateway.route(new Gateway.Routes(List.of(), dynamoDb, moto));
        assertThat(send("GET", "/_berth/health", Map.of(), "").statusCode()).isEqualTo(200);

        HttpResponse<String> table = send("POST", "/", Map.of("X-Amz-Target", "DynamoDB_20120810.ListTables"), "{}");
        assertThat(table.body()).isEqualTo("{\"from\":\"dynamodb\"}");
        assertThat(dynamoDbCalls).containsExactly("ListTables");

        HttpResponse<String> other = send("PUT", "/some/path", Map.of("X-Custom", "kept",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/ecs/aws4_request, Signature=x"), "payload", "a=1&b=2");
        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(other.headers().firstValue("x-from")).contains("moto");
        assertThat(other.body()).isEqualTo("moto saw PUT /some/path?a=1&b=2 payload");
        AwsRequest seen = motoCalls.getFirst();
        assertThat(seen.service()).isEqualTo("ecs");
        assertThat(seen.header("X-Custom")).contains("kept");
        assertThat(gateway.callCounts()).containsEntry("dynamodb.ListTables", 1L).containsEntry("ecs.PUT /some/path", 1L);
    }

    @Test
    void interceptorsRunInOrderAndMayAnswerOrPassOn() throws Exception {
        Interceptor passes = (request, next) -> Optional.empty();
        Interceptor wraps = (request, next) -> request.path().equals("/wrapped")
                ? Optional.of(AwsResponse.json(200, "wrapped(" + next.send(request).bodyText() + ")", "text/plain"))
                : Optional.empty();
        gateway.route(new Gateway.Routes(List.of(passes, wraps), dynamoDb, moto));
        assertThat(send("POST", "/wrapped", Map.of(), "x").body()).isEqualTo("wrapped(moto saw POST /wrapped? x)");
        assertThat(send("POST", "/plain", Map.of(), "y").body()).isEqualTo("moto saw POST /plain? y");
    }

    @Test
    void aFailureInsideTheGatewayIsA500SayingWhatBroke() throws Exception {
        Interceptor broken = (request, next) -> {
            throw new IllegalStateException("interceptor exploded");
        };
        gateway.route(new Gateway.Routes(List.of(broken), dynamoDb, moto));
        HttpResponse<String> response = send("POST", "/", Map.of("X-Amz-Target", "AWSStepFunctions.ListStateMachines"), "{}");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.body()).contains("interceptor exploded").contains("states.ListStateMachines");
    }

    @Test
    void unknownControlPathsAre404NotForwarded() throws Exception {
        gateway.route(new Gateway.Routes(List.of(), dynamoDb, moto));
        HttpResponse<String> response = send("GET", "/_berth/nothing-here", Map.of(), "");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("/_berth/nothing-here");
        assertThat(motoCalls).isEmpty();
    }

    @Test
    void eachCallIsLogged() throws Exception {
        gateway.route(new Gateway.Routes(List.of(), dynamoDb, moto));
        send("POST", "/", Map.of("X-Amz-Target", "DynamoDB_20120810.DescribeTable"), "{}");
        assertThat(Files.readString(TestPaths.logDir("gateway-test").resolve("gateway.log"))).contains("200 dynamodb.DescribeTable");
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) throws Exception {
        return send(method, path, headers, body, "");
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body, String query)
            throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(gateway.endpoint() + path + (query.isEmpty() ? "" : "?" + query)))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
