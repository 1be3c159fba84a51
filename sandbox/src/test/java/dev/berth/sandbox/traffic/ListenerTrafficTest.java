package dev.berth.sandbox.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.demo.BlueGreenPair;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * The weighted routing of {@link WeightedForward} and how {@link ListenerTraffic} reads ELB's actions (pure),
 * then {@code /_berth/traffic} over HTTP on the shared sandbox.
 */
class ListenerTrafficTest {

    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/";
    private static final String BLUE = TG + "shop-web-blue/0123456789abcdef";
    private static final String GREEN = TG + "shop-web-green/fedcba9876543210";
    private static final String THIRD = TG + "shop-web-third/00112233445566ff";

    // ---- weighted hashing ----

    @Test
    void relativeWeightsAreShares() {
        assertThat(WeightedForward.of(ordered(BLUE, 1, GREEN, 1)).percentages()).containsExactly(
                Map.entry(BLUE, 50.0), Map.entry(GREEN, 50.0));
        assertThat(WeightedForward.of(ordered(BLUE, 1, GREEN, 3)).percentages()).containsExactly(
                Map.entry(BLUE, 25.0), Map.entry(GREEN, 75.0));
        assertThat(WeightedForward.of(ordered(BLUE, 100, GREEN, 0)).percentages()).containsExactly(
                Map.entry(BLUE, 100.0), Map.entry(GREEN, 0.0));
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource({"1, 1, 0", "90, 10, 0", "10, 90, 0", "1, 2, 7", "333, 333, 333", "999, 1, 0", "5, 0, 5"})
    void overManyKeysTheSharesApproachTheWeights(int blue, int green, int third) {
        WeightedForward forward = WeightedForward.of(ordered(BLUE, blue, GREEN, green, THIRD, third));
        int requests = 20_000;

        Map<String, Integer> hits = forward.sample(requests);

        assertThat(hits).containsOnlyKeys(BLUE, GREEN, THIRD);
        assertThat(hits.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(requests);
        forward.percentages().forEach((group, percent) ->
                // 1.5 points is more than 4 standard deviations of a share drawn at random from 20 000.
                assertThat(100.0 * hits.get(group) / requests).as(group + " at " + forward.weights())
                        .isCloseTo(percent, within(1.5)));
    }

    @Test
    void aKeyAlwaysHitsTheSameTargetGroupWhateverTheOrderElbListsThemIn() {
        WeightedForward forward = WeightedForward.of(ordered(BLUE, 50, GREEN, 50));
        WeightedForward reordered = WeightedForward.of(ordered(GREEN, 50, BLUE, 50));
        for (int i = 0; i < 500; i++) {
            String key = "customer-" + i;
            String hit = forward.route(key);
            assertThat(forward.route(key)).isEqualTo(hit);
            assertThat(WeightedForward.of(ordered(BLUE, 50, GREEN, 50)).route(key)).isEqualTo(hit);
            assertThat(reordered.route(key)).isEqualTo(hit);
        }
        // Not a constant: both sides get keys.
        assertThat(IntStream.range(0, 100).mapToObj(i -> forward.route("customer-" + i)).distinct()).hasSize(2);
    }

    @Test
    void aTargetGroupAtWeightZeroIsNeverHit() {
        Map<String, Integer> hits = WeightedForward.of(ordered(BLUE, 0, GREEN, 7, THIRD, 0)).sample(5_000);

        assertThat(hits).containsExactly(Map.entry(BLUE, 0), Map.entry(GREEN, 5_000), Map.entry(THIRD, 0));
    }

    @Test
    void atHundredToZeroEveryRequestGoesToTheOne() {
        assertThat(WeightedForward.of(ordered(BLUE, 100, GREEN, 0)).sample(10_000))
                .containsExactly(Map.entry(BLUE, 10_000), Map.entry(GREEN, 0));
        assertThat(WeightedForward.of(ordered(BLUE, 0, GREEN, 100)).sample(10_000))
                .containsExactly(Map.entry(BLUE, 0), Map.entry(GREEN, 10_000));
        assertThat(WeightedForward.of(ordered(GREEN, 1)).sample(1_000)).containsExactly(Map.entry(GREEN, 1_000));
    }

    @Test
    void shiftingWeightToGreenMovesOnlyBluesRequests() {
        List<String> keys = IntStream.range(0, 2_000).mapToObj(i -> "request-" + i).toList();
        WeightedForward previous = null;
        for (int green = 0; green <= 100; green += 10) {
            WeightedForward step = WeightedForward.of(ordered(BLUE, 100 - green, GREEN, green));
            if (previous != null) {
                for (String key : keys) {
                    if (previous.route(key).equals(GREEN)) {
                        assertThat(step.route(key)).as(key + " at green " + green).isEqualTo(GREEN);
                    }
                }
            }
            previous = step;
        }
    }

    @Test
    void whenEveryWeightIsZeroNothingIsRouted() {
        WeightedForward nowhere = WeightedForward.of(ordered(BLUE, 0, GREEN, 0));

        assertThat(nowhere.routes()).isFalse();
        assertThat(nowhere.percentages()).containsExactly(Map.entry(BLUE, 0.0), Map.entry(GREEN, 0.0));
        assertThatThrownBy(() -> nowhere.route("request")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("weight 0");
        assertThat(nowhere.sample(0)).containsExactly(Map.entry(BLUE, 0), Map.entry(GREEN, 0));
    }

    @Test
    void weightsBelowZeroAndEmptyForwardsAreRejected() {
        assertThatThrownBy(() -> WeightedForward.of(ordered(BLUE, -1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedForward.of(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- reading ELB's actions ----

    @Test
    void aForwardConfigGivesItsWeightsAndAMissingWeightIsOne() {
        Action action = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                TargetGroupTuple.builder().targetGroupArn(BLUE).weight(3).build(),
                TargetGroupTuple.builder().targetGroupArn(GREEN).build())).build();

        WeightedForward forward = ListenerTraffic.forwardOf("arn:rule", List.of(action));

        assertThat(forward.weights()).containsExactly(Map.entry(BLUE, 3), Map.entry(GREEN, 1));
        assertThat(forward.percentages().get(BLUE)).isEqualTo(75.0);
    }

    @Test
    void aPlainForwardIsItsTargetGroupAtWeightOne() {
        Action plain = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(BLUE).build();

        assertThat(ListenerTraffic.forwardOf("arn:listener", List.of(plain)).weights()).containsExactly(Map.entry(BLUE, 1));
    }

    @Test
    void theForwardIsFoundAfterAnAuthenticateActionAndItsAbsenceIsSaid() {
        Action authenticate = Action.builder().type(ActionTypeEnum.AUTHENTICATE_OIDC).order(1).build();
        Action forward = Action.builder().type(ActionTypeEnum.FORWARD).order(2).targetGroupArn(GREEN).build();
        Action fixed = Action.builder().type(ActionTypeEnum.FIXED_RESPONSE).build();

        assertThat(ListenerTraffic.forwardOf("arn:rule", List.of(authenticate, forward)).weights()).containsOnlyKeys(GREEN);
        assertThatThrownBy(() -> ListenerTraffic.forwardOf("arn:rule", List.of(fixed)))
                .isInstanceOfSatisfying(TrafficLookupException.class, e -> assertThat(e.code()).isEqualTo("NoForwardAction"))
                .hasMessageContaining("fixed-response");
    }

    // ---- /_berth/traffic over HTTP, on the shared sandbox ----

    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static BlueGreenPair pair;

    private static synchronized BlueGreenPair pair() {
        if (pair == null) {
            LocalBerth berth = SharedLocalBerth.get();
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            pair = berth.world().createBlueGreen("tr-" + suffix, "web", berth.pusher().repositoryUri("traffic/web-" + suffix),
                    "1.0.0", 1, Duration.ofSeconds(90));
        }
        return pair;
    }

    @AfterAll
    static void closeHttp() {
        HTTP.close();
    }

    @Test
    void theEndpointAnswersTheWeightsSharesAndHitOfAListener() throws Exception {
        BlueGreenPair pair = pair();
        LocalBerth berth = SharedLocalBerth.get();
        long describesBefore = describeListenersCount(berth);

        HttpResponse<String> response = get("?arn=" + encoded(pair.listenerArn()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body).isEqualTo(Json.mapper().readTree("""
                {"arn": "%s",
                 "targetGroups": [{"targetGroupArn": "%s", "weight": 100, "percent": 100.0},
                                  {"targetGroupArn": "%s", "weight": 0, "percent": 0.0}],
                 "hit": "%s"}
                """.formatted(pair.listenerArn(), pair.blueTargetGroupArn(), pair.greenTargetGroupArn(),
                pair.blueTargetGroupArn())));
        // Watching reads moto directly: the gateway's counts stay Berth's own calls.
        assertThat(describeListenersCount(berth)).isEqualTo(describesBefore);
    }

    @Test
    void theEndpointFollowsARulesWeightsAsTheyShiftAndRoutesTheKeyAsked() throws Exception {
        BlueGreenPair pair = pair();
        LocalBerth berth = SharedLocalBerth.get();
        var elb = berth.clients().elb();
        try {
            elb.modifyRule(r -> r.ruleArn(pair.ruleArn()).actions(Action.builder().type(ActionTypeEnum.FORWARD)
                    .forwardConfig(f -> f.targetGroups(
                            TargetGroupTuple.builder().targetGroupArn(pair.blueTargetGroupArn()).weight(2).build(),
                            TargetGroupTuple.builder().targetGroupArn(pair.greenTargetGroupArn()).weight(1).build()))
                    .build()));

            for (String key : List.of("alice", "bob", "carol", "dave")) {
                HttpResponse<String> response = get("?arn=" + encoded(pair.ruleArn()) + "&key=" + key);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode body = Json.mapper().readTree(response.body());
                assertThat(body.path("arn").asText()).isEqualTo(pair.ruleArn());
                assertThat(body.path("targetGroups")).extracting(group -> group.path("weight").asInt()).containsExactly(2, 1);
                assertThat(body.path("targetGroups")).extracting(group -> group.path("percent").asDouble())
                        .containsExactly(66.67, 33.33);
                assertThat(body.path("hit").asText()).isEqualTo(berth.traffic().route(pair.ruleArn(), key));
            }
            // Without a key: the key "request".
            JsonNode noKey = Json.mapper().readTree(get("?arn=" + encoded(pair.ruleArn())).body());
            assertThat(noKey.path("hit").asText()).isEqualTo(berth.traffic().route(pair.ruleArn(), "request"));
        } finally {
            elb.modifyRule(r -> r.ruleArn(pair.ruleArn()).actions(Action.builder().type(ActionTypeEnum.FORWARD)
                    .forwardConfig(f -> f.targetGroups(
                            TargetGroupTuple.builder().targetGroupArn(pair.blueTargetGroupArn()).weight(100).build(),
                            TargetGroupTuple.builder().targetGroupArn(pair.greenTargetGroupArn()).weight(0).build()))
                    .build()));
        }
    }

    @Test
    void aMissingUnknownOrMalformedArnIsA400ThatSaysWhich() throws Exception {
        BlueGreenPair pair = pair();
        String unknownListener = pair.listenerArn().substring(0, pair.listenerArn().lastIndexOf('/') + 1) + "0000000000000000";
        String unknownRule = pair.ruleArn().substring(0, pair.ruleArn().lastIndexOf('/') + 1) + "0000000000000000";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "MissingArn");
        cases.put("?arn=", "MissingArn");
        cases.put("?key=alice", "MissingArn");
        cases.put("?arn=" + encoded(unknownListener), "ListenerNotFound");
        cases.put("?arn=" + encoded(unknownRule), "RuleNotFound");
        cases.put("?arn=" + encoded(pair.blueTargetGroupArn()), "InvalidArn");
        cases.put("?arn=web-listener", "InvalidArn");

        for (var entry : cases.entrySet()) {
            HttpResponse<String> response = get(entry.getKey());
            assertThat(response.statusCode()).as(entry.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
            JsonNode error = Json.mapper().readTree(response.body()).path("error");
            assertThat(error.path("code").asText()).as(entry.getKey()).isEqualTo(entry.getValue());
            assertThat(error.path("message").asText()).isNotBlank();
        }
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        pair();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint(""))
                .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET");
    }

    private static HttpResponse<String> get(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint(query)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI endpoint(String query) {
        return URI.create(SharedLocalBerth.get().sandbox().endpoint() + TrafficEndpoint.PATH + query);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static long describeListenersCount(LocalBerth berth) {
        return berth.sandbox().gateway().callCounts().getOrDefault("elasticloadbalancing.DescribeListeners", 0L);
    }

    /** A map in the order given: name, weight, name, weight... */
    private static Map<String, Integer> ordered(Object... namesAndWeights) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < namesAndWeights.length; i += 2) {
            weights.put((String) namesAndWeights[i], (Integer) namesAndWeights[i + 1]);
        }
        return weights;
    }
}
