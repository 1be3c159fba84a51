package dev.berth.sandbox.ecs.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;
import dev.berth.sandbox.ecs.DataPlaneTimings;
import dev.berth.sandbox.ecs.EcsDataPlane;
import dev.berth.sandbox.ecs.ImageBehaviour;
import dev.berth.sandbox.ecs.ImageBehaviours;
import dev.berth.sandbox.ecs.InMemoryEventSink;
import dev.berth.sandbox.ecs.ManualClock;
import dev.berth.sandbox.ecs.Scenario;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /_berth/images} over real HTTP, on a gateway that has only this endpoint in front of nothing. */
class ImageBehaviourEndpointTest {

    private static final String DIGEST = "sha256:" + "c".repeat(64);

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private final Scenario scenario = new Scenario();
    private Gateway gateway;

    @BeforeEach
    void gatewayWithTheEndpoint() throws Exception {
        EcsDataPlane plane = new EcsDataPlane(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")), scenario,
                DataPlaneTimings.defaults(), new InMemoryEventSink());
        gateway = Gateway.start(0, Optional.empty());
        gateway.route(new Gateway.Routes(List.of(new ImageBehaviourEndpoint(new ImageBehaviours(scenario, plane))),
                request -> AwsResponse.json(599, "{}", "application/json"), request -> AwsResponse.json(599, "{}", "application/json")));
    }

    @AfterEach
    void stop() {
        gateway.close();
        http.close();
    }

    @Test
    void behavioursAreSetListedReadAndForgotten() throws Exception {
        JsonNode unhealthy = ok(call("PUT", "/_berth/images/shop/web:1.2.0", "{\"behaviour\": \"unhealthy\"}"));
        assertThat(unhealthy).isEqualTo(json("{\"image\": \"shop/web:1.2.0\", \"match\": \"tag\", \"behaviour\": \"unhealthy\"}"));
        JsonNode slow = ok(call("PUT", "/_berth/images/shop/api", "{\"behaviour\": \"slow\", \"startDelaySeconds\": 90}"));
        assertThat(slow).isEqualTo(json("{\"image\": \"shop/api\", \"match\": \"repository\", \"behaviour\": \"slow\", "
                + "\"startDelaySeconds\": 90}"));
        // Clients may percent-encode the reference's '@' and ':'.
        JsonNode flaky = ok(call("PUT", "/_berth/images/shop/web%40" + DIGEST.replace(":", "%3A"),
                "{\"behaviour\": \"flaky\", \"failureRatio\": 0.3}"));
        assertThat(flaky.path("image").asText()).isEqualTo("shop/web@" + DIGEST);
        assertThat(flaky.path("match").asText()).isEqualTo("digest");
        assertThat(flaky.path("failureRatio").asDouble()).isEqualTo(0.3);
        ok(call("PUT", "/_berth/images/shop/worker:2", "{\"behaviour\": \"crash\"}"));
        ok(call("PUT", "/_berth/images/shop/worker:2", "{\"behaviour\": \"healthy\"}")); // set again: replaced

        assertThat(scenario.behaviourOf("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.2.0"))
                .isEqualTo(ImageBehaviour.unhealthy());
        assertThat(ok(call("GET", "/_berth/images", null)).path("images")).extracting(entry -> entry.path("image").asText())
                .containsExactly("shop/web:1.2.0", "shop/api", "shop/web@" + DIGEST, "shop/worker:2");
        assertThat(ok(call("GET", "/_berth/images/shop/api", null))).isEqualTo(slow);

        assertThat(ok(call("DELETE", "/_berth/images/shop/web:1.2.0", null))).isEqualTo(unhealthy);
        HttpResponse<String> gone = call("GET", "/_berth/images/shop/web:1.2.0", null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(error(gone).path("code").asText()).isEqualTo("ImageNotSet");
        assertThat(scenario.behaviourOf("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.2.0"))
                .isEqualTo(ImageBehaviour.healthy());

        assertThat(ok(call("DELETE", "/_berth/images", null)).path("images")).isEmpty();
        assertThat(scenario.rules()).isEmpty();
    }

    @Test
    void applyingToRunningTasksSaysHowManyChanged() throws Exception {
        JsonNode answer = ok(call("PUT", "/_berth/images/shop/web:1.0.0",
                "{\"behaviour\": \"unhealthy\", \"applyToRunning\": true}"));

        assertThat(answer.path("runningTasksChanged").asInt(-1)).isZero(); // nothing runs on this gateway's plane
        assertThat(answer.path("behaviour").asText()).isEqualTo("unhealthy");
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            PUT    | /_berth/images/shop/web:1   | {"behaviour": "sick"}                                   | 400 | InvalidBehaviour
            PUT    | /_berth/images/shop/web:1   | {}                                                      | 400 | InvalidBehaviour
            PUT    | /_berth/images/shop/web:1   | {"behaviour": "slow"}                                   | 400 | InvalidBehaviour
            PUT    | /_berth/images/shop/web:1   | {"behaviour": "slow", "startDelaySeconds": -5}          | 400 | InvalidBehaviour
            PUT    | /_berth/images/shop/web:1   | {"behaviour": "slow", "startDelaySeconds": "soon"}      | 400 | InvalidBehaviour
            PUT    | /_berth/images/shop/web:1   | {"behaviour": "flaky"}                                  | 400 | InvalidBehaviour
            PUT    | /_berth/images/shop/web:1   | {"behaviour": "flaky", "failureRatio": 1.5}             | 400 | InvalidBehaviour
            PUT    | /_berth/images/shop/web:1   | {"behaviour": "unhealthy", "failureRatio": 0.5}         | 400 | InvalidRequest
            PUT    | /_berth/images/shop/web:1   | {"behavior": "unhealthy"}                               | 400 | InvalidRequest
            PUT    | /_berth/images/shop/web:1   | {"behaviour": "unhealthy", "applyToRunning": "yes"}     | 400 | InvalidRequest
            PUT    | /_berth/images/shop/web:1   | ["unhealthy"]                                           | 400 | InvalidRequest
            PUT    | /_berth/images/shop/web:1   | {"behaviour": unhealthy                                 | 400 | MalformedJson
            PUT    | /_berth/images/Shop/Web:1   | {"behaviour": "unhealthy"}                              | 400 | InvalidImageReference
            PUT    | /_berth/images/shop/web@sha256:abc | {"behaviour": "unhealthy"}                       | 400 | InvalidImageReference
            PUT    | /_berth/images/shop/web:    | {"behaviour": "unhealthy"}                              | 400 | InvalidImageReference
            POST   | /_berth/images/shop/web:1   | {"behaviour": "unhealthy"}                              | 405 | MethodNotAllowed
            PUT    | /_berth/images              | {"behaviour": "unhealthy"}                              | 405 | MethodNotAllowed
            GET    | /_berth/images/shop/none:1  |                                                         | 404 | ImageNotSet
            DELETE | /_berth/images/shop/none:1  |                                                         | 404 | ImageNotSet
            """)
    void badRequestsGetA4xxThatSaysWhatIsWrong(String method, String path, String body, int status, String code)
            throws Exception {
        HttpResponse<String> response = call(method, path, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode error = error(response);
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        if (status == 405) {
            assertThat(response.headers().firstValue("allow")).isPresent();
        }
        assertThat(scenario.rules()).isEmpty();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.endpoint() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body()).path("error");
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }
}
