package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.domain.InvalidInputException;
import dev.berth.domain.trigger.EcrImageAction;
import dev.berth.domain.trigger.EcrImageActions;
import dev.berth.domain.trigger.PushDecision;
import dev.berth.log.DeploymentLog;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Entry point for ECR "ECR Image Action" events from EventBridge: successful pushes deploy, the rest are logged as ignored. */
public final class EcrPushHandler extends JsonStreamHandler<JsonNode, PushResult> {

    private final DeploymentStarter starter;

    public EcrPushHandler() {
        this(System.getenv());
    }

    public EcrPushHandler(Map<String, String> environment) {
        super(JsonNode.class);
        Ports ports = new Ports(new FunctionEnvironment(environment));
        this.starter = new DeploymentStarter(ports.targets(), ports.history(), ports.executions(), ports.clock());
    }

    @Override
    protected PushResult handle(JsonNode event, Context context) {
        DeploymentLog log = DeploymentLog.of(context);
        PushDecision decision;
        try {
            decision = EcrImageActions.decide(parse(event));
        } catch (InvalidInputException e) {
            // Redelivering a malformed event cannot fix it: answer without an error so EventBridge stops retrying.
            log.warn("event rejected", Map.of("reason", e.getMessage()));
            return PushResult.rejected(e.getMessage());
        }
        return switch (decision) {
            case PushDecision.Ignore ignore -> {
                log.info("event ignored", Map.of("reason", ignore.reason(), "eventId", event.path("id").asText("")));
                yield PushResult.ignored(ignore.reason());
            }
            case PushDecision.Deploy deploy -> starter.start(deploy.push(), "ecr:" + event.path("account").asText(""), log);
        };
    }

    static EcrImageAction parse(JsonNode event) {
        if (!event.isObject()) {
            throw new InvalidInputException("event must be a JSON object");
        }
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            throw new InvalidInputException("event has no 'detail' object");
        }
        String id = text(event, "id").orElseThrow(() -> new InvalidInputException(
                "event has no 'id': Berth needs it to recognise a redelivered event"));
        return new EcrImageAction(id, text(event, "source").orElse(""),
                text(event, "detail-type").orElse(""), text(event, "account").orElse(""),
                text(event, "region").orElse(""), time(event), text(detail, "action-type").orElse(""),
                text(detail, "result").orElse(""), text(detail, "repository-name").orElse(""),
                text(detail, "image-tag"), text(detail, "image-digest"));
    }

    private static Instant time(JsonNode event) {
        return text(event, "time").map(t -> {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("event time '" + t + "' is not an ISO-8601 instant");
            }
        }).orElseGet(Instant::now);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }
}
