package dev.berth.sandbox.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.ControlRequestException;
import dev.berth.sandbox.gateway.ControlResponses;
import java.util.Optional;

/**
 * {@code /_berth/faults}: {@code POST} a rule (201, the rule with its {@code id}); {@code GET} lists
 * them with how many calls each {@code matched} and how many it made fail ({@code fired});
 * {@code DELETE} clears them; {@code GET} / {@code DELETE /_berth/faults/{id}} for one.
 */
final class FaultEndpoint {

    private static final String ROOT = "/_berth/faults";

    private final FaultInjector faults;

    FaultEndpoint(FaultInjector faults) {
        this.faults = faults;
    }

    /** Empty for any other {@code /_berth/} path. */
    Optional<AwsResponse> handle(AwsRequest request) {
        String path = request.path();
        if (!path.equals(ROOT) && !path.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        String id = path.length() > ROOT.length() + 1 ? ControlResponses.decoded(path.substring(ROOT.length() + 1)) : "";
        try {
            return Optional.of(id.isEmpty() ? all(request) : one(request, id));
        } catch (ControlRequestException rejected) {
            return Optional.of(ControlResponses.error(rejected));
        }
    }

    private AwsResponse all(AwsRequest request) {
        return switch (request.method()) {
            case "POST" -> {
                String id = faults.add(FaultRuleJson.rule(request.body()));
                yield ControlResponses.json(201, FaultRuleJson.status(faults.status(id).orElseThrow()));
            }
            case "GET" -> ControlResponses.json(200, list());
            case "DELETE" -> {
                faults.clear();
                yield ControlResponses.json(200, list());
            }
            default -> ControlResponses.methodNotAllowed(request, "POST", "GET", "DELETE");
        };
    }

    private AwsResponse one(AwsRequest request, String id) {
        Optional<FaultInjector.FaultStatus> status = faults.status(id);
        if (status.isEmpty()) {
            return ControlResponses.error(404, "FaultNotFound", "no fault " + id + "; GET " + ROOT + " lists them");
        }
        return switch (request.method()) {
            case "GET" -> ControlResponses.json(200, FaultRuleJson.status(status.get()));
            case "DELETE" -> {
                faults.remove(id);
                yield ControlResponses.json(200, FaultRuleJson.status(status.get()));
            }
            default -> ControlResponses.methodNotAllowed(request, "GET", "DELETE");
        };
    }

    private ObjectNode list() {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode entries = body.putArray("faults");
        faults.list().forEach(status -> entries.add(FaultRuleJson.status(status)));
        return body;
    }
}
