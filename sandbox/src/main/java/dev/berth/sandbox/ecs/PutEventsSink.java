package dev.berth.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Upstream;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Publishes deployment state changes to the emulator's default event bus with {@code AWSEvents.PutEvents},
 * so EventBridge rules on {@code aws.ecs} fire in the sandbox as they would in AWS.
 */
public final class PutEventsSink implements EcsEventSink {

    private static final System.Logger LOG = System.getLogger(PutEventsSink.class.getName());

    private final Upstream upstream;
    private final String region;
    private final String account;

    /**
     * @param region  the region whose default bus receives the events (moto reads it from the credential scope)
     * @param account the account whose bus it is (moto reads it from {@code x-moto-account-id})
     */
    public PutEventsSink(Upstream upstream, String region, String account) {
        this.upstream = upstream;
        this.region = region;
        this.account = account;
    }

    /** Sends the event; a failure is logged, never thrown, so a broken bus cannot stall a rollout. */
    @Override
    public void publish(EcsDeploymentEvent event) {
        try {
            AwsResponse response = upstream.send(request(event));
            if (response.status() != 200 || failedEntryCount(response) > 0) {
                LOG.log(System.Logger.Level.WARNING, "PutEvents for {0} {1} failed: {2} {3}", event.eventName(),
                        event.deploymentId(), response.status(), response.bodyText());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "PutEvents for " + event.eventName() + " failed", e);
        }
    }

    /** The PutEvents call for {@code event}, signed-looking enough for the emulator to route and scope it. */
    AwsRequest request(EcsDeploymentEvent event) {
        ObjectNode entry = Json.mapper().createObjectNode()
                .put("Time", BigDecimal.valueOf(event.time().toEpochMilli(), 3))
                .put("Source", EcsDeploymentEvent.SOURCE)
                .put("DetailType", EcsDeploymentEvent.DETAIL_TYPE)
                .put("Detail", event.detailJson())
                .put("EventBusName", "default");
        entry.putArray("Resources").add(event.serviceArn());
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("Entries").add(entry);
        return EmulatorCall.json11("events", "AWSEvents.PutEvents", region, account, body);
    }

    private static int failedEntryCount(AwsResponse response) throws IOException {
        JsonNode body = Json.mapper().readTree(response.body());
        return body == null ? 0 : body.path("FailedEntryCount").asInt(0);
    }
}
