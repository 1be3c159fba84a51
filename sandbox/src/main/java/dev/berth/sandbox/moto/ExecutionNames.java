package dev.berth.sandbox.moto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Gives every nameless Step Functions execution a UUID name, as AWS does. moto 5's executing
 * backend uses the missing name as is: the execution is called {@code None}, so a second nameless
 * StartExecution with the same input returns the first execution (idempotency on name and input)
 * and one with other input fails with ExecutionAlreadyExists.
 */
public final class ExecutionNames implements Interceptor {

    private static final Set<String> STARTS = Set.of("StartExecution", "StartSyncExecution");

    @Override
    public Optional<AwsResponse> handle(AwsRequest request, Upstream next) throws IOException {
        if (!request.service().equals("states") || request.action().filter(STARTS::contains).isEmpty()) {
            return Optional.empty();
        }
        JsonNode body = Json.mapper().readTree(request.body());
        if (!(body instanceof ObjectNode start) || (start.hasNonNull("name") && !start.get("name").asText().isEmpty())) {
            return Optional.empty();
        }
        start.put("name", UUID.randomUUID().toString());
        return Optional.of(next.send(new AwsRequest(request.method(), request.path(), request.rawQuery(), request.headers(),
                Json.mapper().writeValueAsBytes(start), request.service(), request.action())));
    }
}
