package dev.berth.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import java.util.Optional;

/**
 * The sandbox's own small HTTP API under {@code /_berth/}: {@code GET /_berth/info} (what is
 * deployed, counters) and {@code POST /_berth/reset} (back to just-deployed).
 * ({@code /_berth/health} is the gateway's own, {@code /_berth/faults} the fault injector's,
 * {@code /_berth/images} the ECS data plane's.)
 */
final class SandboxControl implements Interceptor {

    private static final String JSON = "application/json";

    private final Sandbox sandbox;

    SandboxControl(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public Optional<AwsResponse> handle(AwsRequest request, Upstream next) {
        return switch (request.method() + " " + request.path()) {
            case "GET /_berth/info" -> Optional.of(AwsResponse.json(200, info(), JSON));
            case "POST /_berth/reset" -> {
                sandbox.reset();
                yield Optional.of(AwsResponse.json(200, "{\"status\":\"reset\"}", JSON));
            }
            default -> Optional.empty();
        };
    }

    private String info() {
        ObjectNode root = Json.mapper().createObjectNode()
                .put("endpoint", sandbox.endpoint().toString())
                .put("region", sandbox.region())
                .put("accountId", sandbox.accountId())
                .put("startupMillis", sandbox.startupTime().toMillis());
        ObjectNode tables = root.putObject("tables");
        ObjectNode stateMachines = root.putObject("stateMachines");
        ObjectNode functions = root.putObject("functions");
        for (DeployedStack stack : sandbox.stacks()) {
            stack.tableNames().forEach(tables::put);
            stack.stateMachineArns().forEach(stateMachines::put);
            stack.functionNames().forEach(functions::put);
        }
        ObjectNode invocations = root.putObject("invocations");
        sandbox.lambdaEndpoint().invocationCounts().forEach(invocations::put);
        ObjectNode calls = root.putObject("calls");
        sandbox.gateway().callCounts().forEach(calls::put);
        root.set("eventbridge", sandbox.eventBridge().stats());
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the sandbox info", e);
        }
    }
}
