package dev.berth.sandbox.traffic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.ControlResponses;
import dev.berth.sandbox.gateway.FormParameters;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /_berth/traffic?arn=<listener or rule ARN>[&key=<request key>]}: where the listener's or rule's
 * forward sends traffic now, to watch weights shift while a deployment runs:
 * <pre>{@code
 * {"arn": "...", "targetGroups": [{"targetGroupArn": "...", "weight": 90, "percent": 90.0}, ...], "hit": "<target group ARN>"}
 * }</pre>
 * {@code percent} is rounded to two decimals; {@code hit} is the target group a request keyed {@code key}
 * (default {@code request}) lands on ({@link WeightedForward#route}), {@code null} when every weight is 0.
 * Errors: {@code {"error": {"code", "message"}}}: 400 {@code MissingArn}, {@code InvalidArn},
 * {@code ListenerNotFound}, {@code RuleNotFound}, {@code NoForwardAction}; 405 for other methods.
 */
public final class TrafficEndpoint implements Interceptor {

    static final String PATH = "/_berth/traffic";
    static final String DEFAULT_KEY = "request";

    private final Supplier<Optional<ListenerTraffic>> traffic;

    /** @param traffic the view to answer from, empty while the sandbox is starting */
    public TrafficEndpoint(Supplier<Optional<ListenerTraffic>> traffic) {
        this.traffic = traffic;
    }

    @Override
    public Optional<AwsResponse> handle(AwsRequest request, Upstream next) {
        if (!request.path().equals(PATH) && !request.path().equals(PATH + "/")) {
            return Optional.empty();
        }
        if (!request.method().equals("GET")) {
            return Optional.of(ControlResponses.methodNotAllowed(request, "GET"));
        }
        FormParameters query = FormParameters.of(request.rawQuery());
        Optional<String> arn = query.first("arn").map(String::strip).filter(value -> !value.isEmpty());
        if (arn.isEmpty()) {
            return Optional.of(ControlResponses.error(400, "MissingArn", "say which listener or rule: GET " + PATH
                    + "?arn=<listener ARN or listener rule ARN>[&key=<request key>]"));
        }
        Optional<ListenerTraffic> view = traffic.get();
        if (view.isEmpty()) {
            return Optional.of(ControlResponses.error(503, "SandboxStarting", "the Berth sandbox is still starting; try again in a moment"));
        }
        try {
            WeightedForward forward = view.get().forward(arn.get());
            return Optional.of(ControlResponses.json(200, answer(arn.get(), forward, query.first("key").orElse(DEFAULT_KEY))));
        } catch (TrafficLookupException e) {
            return Optional.of(ControlResponses.error(400, e.code(), e.getMessage()));
        }
    }

    private static ObjectNode answer(String arn, WeightedForward forward, String key) {
        ObjectNode body = Json.mapper().createObjectNode().put("arn", arn);
        ArrayNode groups = body.putArray("targetGroups");
        Map<String, Double> percentages = forward.percentages();
        forward.targetGroups().forEach(group -> groups.addObject()
                .put("targetGroupArn", group.targetGroupArn())
                .put("weight", group.weight())
                .put("percent", Math.round(percentages.get(group.targetGroupArn()) * 100) / 100.0));
        if (forward.routes()) {
            body.put("hit", forward.route(key));
        } else {
            body.putNull("hit");
        }
        return body;
    }
}
