package dev.berth.sandbox.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.eventbridge.SandboxEventBridge;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import dev.berth.sandbox.logging.LogFile;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Makes the sandbox's ECR send its events, which moto's does not: after moto has taken a
 * {@code PutImage} or a {@code BatchDeleteImage}, the "ECR Image Action" events ECR would send go on
 * the default bus, from {@code aws.ecr}, in the sandbox's region. moto's answer goes back unchanged.
 * Only actions that succeeded send events; a push moto refused (a tag already used, say) sends none.
 */
public final class EcrEventsInterceptor implements Interceptor {

    private final SandboxEventBridge bus;
    private final LogFile log;

    /** @param log where a failure to put the events on the bus is told (the push itself still succeeds) */
    public EcrEventsInterceptor(SandboxEventBridge bus, LogFile log) {
        this.bus = bus;
        this.log = log;
    }

    @Override
    public Optional<AwsResponse> handle(AwsRequest request, Upstream next) throws IOException {
        if (!request.service().equals("ecr") || request.action().isEmpty()) {
            return Optional.empty();
        }
        String action = request.action().get();
        if (!action.equals("PutImage") && !action.equals("BatchDeleteImage")) {
            return Optional.empty();
        }
        AwsResponse answer = next.send(request);
        if (answer.status() != 200) {
            return Optional.of(answer);
        }
        JsonNode asked = Json.mapper().readTree(request.body());
        JsonNode told = Json.mapper().readTree(answer.body());
        List<ObjectNode> details = action.equals("PutImage")
                ? List.of(EcrEventDetails.push(asked, told))
                : EcrEventDetails.deletes(asked, told);
        if (!details.isEmpty()) {
            Instant now = Instant.now();
            try {
                bus.putEvents(details.stream().map(detail -> new SandboxEventBridge.ServiceEvent(EcrEventDetails.SOURCE,
                        EcrEventDetails.DETAIL_TYPE, detail, List.of(), now)).toList());
            } catch (IOException e) {
                // ECR's events are best effort: the push itself succeeded, so its answer still goes back.
                log.line("ECR " + action + " succeeded but its events could not be put on the bus: " + e.getMessage());
            }
        }
        return Optional.of(answer);
    }
}
