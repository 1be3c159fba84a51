package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.domain.InvalidInputException;
import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.log.DeploymentLog;
import dev.berth.ports.DeploymentEvents;
import dev.berth.ports.DeploymentHistory;
import dev.berth.workflow.FailureReasons;
import dev.berth.workflow.RecordOutcomeRequest;
import dev.berth.workflow.RecordOutcomeResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Last step on every path: writes the final status and reason, then announces it on EventBridge.
 * Safe to repeat (a retried step finds the status already written), and it always leaves a final
 * record: an outcome the record cannot move to directly is written as FAILED, saying so.
 */
public final class RecordOutcomeHandler extends JsonStreamHandler<RecordOutcomeRequest, RecordOutcomeResult> {

    private final DeploymentHistory history;
    private final DeploymentEvents events;
    private final Clock clock;

    public RecordOutcomeHandler() {
        this(System.getenv());
    }

    public RecordOutcomeHandler(Map<String, String> environment) {
        super(RecordOutcomeRequest.class);
        Ports ports = new Ports(new FunctionEnvironment(environment));
        this.history = ports.history();
        this.events = ports.events();
        this.clock = ports.clock();
    }

    @Override
    protected RecordOutcomeResult handle(RecordOutcomeRequest request, Context context) {
        DeploymentStatus outcome = finalStatus(request.outcome());
        DeploymentLog log = DeploymentLog.of(context).forDeployment(request.deploymentId());
        Optional<String> given = request.reason().filter(r -> !r.isBlank())
                .or(() -> request.state().flatMap(FailureReasons::whyFailed));
        Instant now = clock.instant();
        Deployment recorded = history.update(request.deploymentId(), d -> conclude(d, outcome, given, now));
        events.publish(recorded);
        String reason = recorded.reason().orElse("");
        log.info("deployment " + recorded.status(), Map.of("reason", reason));
        return new RecordOutcomeResult(recorded.status().name(), reason);
    }

    private static DeploymentStatus finalStatus(String outcome) {
        try {
            DeploymentStatus status = DeploymentStatus.valueOf(String.valueOf(outcome));
            if (status.isFinal()) {
                return status;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new InvalidInputException("outcome must be a final status (SUCCEEDED, ROLLED_BACK, FAILED, ABORTED, SUPERSEDED), not '" + outcome + "'");
    }

    static Deployment conclude(Deployment d, DeploymentStatus outcome, Optional<String> given, Instant now) {
        if (d.status().isFinal()) {
            return d; // already concluded (a retried step): the first final word stands
        }
        // A failed rollback keeps the reason the rollback was started for.
        Optional<String> reason = outcome == DeploymentStatus.FAILED && d.status() == DeploymentStatus.ROLLING_BACK
                ? Optional.of(given.orElse("rollback failed") + d.reason().map(r -> "; rolled back because: " + r).orElse(""))
                : given.or(d::reason);
        Deployment concluded;
        if (d.status().canMoveTo(outcome)) {
            concluded = d.moveTo(outcome, reason, now);
        } else {
            reason = Optional.of(reason.orElse(outcome.name()) + " (recorded as FAILED: a " + d.status() + " deployment cannot become " + outcome + ")");
            concluded = d.moveTo(DeploymentStatus.FAILED, reason, now);
        }
        return concluded.append(new TimelineEntry(now, concluded.status().name(), reason.orElse("")));
    }
}
