package dev.berth.sandbox.ecs;

import dev.berth.json.Json;
import java.time.Instant;

/**
 * An "ECS Deployment State Change" event, as EventBridge delivers it from {@code aws.ecs}.
 *
 * @param time the sim time it happened (also the detail's {@code updatedAt})
 */
public record EcsDeploymentEvent(Name eventName, String serviceArn, String deploymentId, Instant time,
                                 String reason) {

    public static final String SOURCE = "aws.ecs";
    public static final String DETAIL_TYPE = "ECS Deployment State Change";

    /** The {@code eventName} values, each with its {@code eventType}. */
    public enum Name {
        SERVICE_DEPLOYMENT_IN_PROGRESS("INFO"),
        SERVICE_DEPLOYMENT_COMPLETED("INFO"),
        SERVICE_DEPLOYMENT_FAILED("ERROR");

        private final String eventType;

        Name(String eventType) {
            this.eventType = eventType;
        }

        public String eventType() {
            return eventType;
        }
    }

    public String eventType() {
        return eventName.eventType();
    }

    /** The event's {@code detail} object as JSON; times as ISO-8601 like EventBridge. */
    public String detailJson() {
        var detail = Json.mapper().createObjectNode()
                .put("eventType", eventType())
                .put("eventName", eventName.name())
                .put("deploymentId", deploymentId)
                .put("updatedAt", time.toString())
                .put("reason", reason);
        return detail.toString();
    }
}
