package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.domain.InvalidInputException;
import dev.berth.domain.trigger.EcrImageActions;
import dev.berth.domain.trigger.PushDecision;
import dev.berth.engine.DeploymentStarter;
import dev.berth.engine.EnginePorts;
import dev.berth.engine.PushResult;
import dev.berth.log.DeploymentLog;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point for ECR "ECR Image Action" events from EventBridge: successful pushes deploy, the rest are
 * logged as ignored, and input no ECR event can be (not JSON, invalid UTF-8, nested too deep, fields of
 * the wrong type) is rejected with a one-line reason rather than failing the function: redelivering it
 * cannot fix it. A push that could not start its deployments fails the invocation, so Lambda retries it
 * and then keeps it in the on-failure queue; handing this function such a record again replays its push.
 */
public final class EcrPushHandler extends JsonStreamHandler<JsonNode, PushResult> {

    private final DeploymentStarter starter;

    public EcrPushHandler() {
        this(System.getenv());
    }

    public EcrPushHandler(Map<String, String> environment) {
        this(new Ports(new FunctionEnvironment(environment)));
    }

    /** With the given ports: in-memory fakes in tests. */
    public EcrPushHandler(EnginePorts ports) {
        super(JsonNode.class);
        this.starter = new DeploymentStarter(ports);
    }

    @Override
    protected PushResult handle(JsonNode input, Context context) {
        DeploymentLog log = DeploymentLog.of(context);
        JsonNode event = replayed(input).orElse(input);
        PushDecision decision;
        try {
            decision = EcrImageActions.decide(EcrEventReader.read(event));
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

    @Override
    protected Optional<PushResult> unreadable(String reason) {
        return Optional.of(PushResult.rejected(reason));
    }

    /**
     * The event inside a Lambda on-failure destination record ({@code requestContext} with
     * {@code condition}, and {@code requestPayload}): what a replay from the push failure queue sends.
     */
    private static Optional<JsonNode> replayed(JsonNode input) {
        return input.path("requestContext").has("condition") && input.path("requestPayload").isObject()
                ? Optional.of(input.get("requestPayload"))
                : Optional.empty();
    }
}
