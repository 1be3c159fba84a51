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
import java.util.List;
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
        super(JsonNode.class, ports);
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

    /** A successful push of a tag, as EventBridge delivers it; one deployment started. */
    @Override
    protected Priming.Sample<PushResult> primingSample() {
        String request = """
                {"version": "0", "id": "13cde686-328b-6117-af20-0e5566167482", "detail-type": "ECR Image Action",
                 "source": "aws.ecr", "account": "123456789012", "time": "2026-11-02T21:04:56Z", "region": "us-east-1",
                 "resources": [], "detail": {"result": "SUCCESS", "repository-name": "shop/web", "image-digest": "%s",
                 "action-type": "PUSH", "image-tag": "v1.4.2"}}""".formatted(Priming.DIGEST);
        return new Priming.Sample<>(request, new PushResult("deploying", "1 of 1 matching services started",
                List.of(new PushResult.DeploymentStart("d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f", "shop", "web", "started"))),
                List.of(EnginePorts::targets, EnginePorts::history, EnginePorts::executions));
    }

    /** The event read into the domain's terms and decided on, as {@link #handle} does before it starts anything. */
    @Override
    protected void primeRequest(JsonNode input) {
        EcrImageActions.decide(EcrEventReader.read(replayed(input).orElse(input)));
    }
}
