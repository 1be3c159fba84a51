package dev.berth.engine;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentIds;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.Trigger;
import dev.berth.domain.lease.Claim;
import dev.berth.domain.target.Target;
import dev.berth.domain.target.TargetMatcher;
import dev.berth.domain.trigger.ImagePush;
import dev.berth.json.Json;
import dev.berth.log.DeploymentLog;
import dev.berth.ports.Executions;
import dev.berth.workflow.CaughtError;
import dev.berth.workflow.DeploymentRequest;
import dev.berth.workflow.DeploymentSource;
import dev.berth.workflow.StepState;
import dev.berth.workflow.StrategySettings;
import dev.berth.workflow.TriggerInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fans one image push out to the services that follow it: a history record and a state machine
 * execution per matched target. Both are keyed by a deployment id derived from the trigger's event
 * id, so a redelivered event finds its record and starts nothing new. The record keeps the execution's
 * input while PENDING, so a start that was lost (the function stopped between the two writes, and no
 * redelivery came) is made by the sweeper.
 */
public final class DeploymentStarter {

    private final EnginePorts ports;

    public DeploymentStarter(EnginePorts ports) {
        this.ports = ports;
    }

    public PushResult start(ImagePush push, String actor, DeploymentLog log) {
        List<Target> matched = TargetMatcher.matching(push.image(), ports.targets().following(push.image().repositoryUri()));
        if (matched.isEmpty()) {
            String reason = "no target follows " + push.image();
            log.info("push ignored", Map.of("reason", reason, "eventId", push.eventId()));
            return PushResult.ignored(reason);
        }
        List<PushResult.DeploymentStart> starts = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (Target target : matched) {
            try {
                starts.add(startOne(push, actor, target, log));
            } catch (RuntimeException e) {
                // Keep going so one broken target does not hold back the others; the event is then
                // redelivered and the targets already started are recognised as duplicates.
                log.error("could not start deployment", Map.of("target", target.key(), "error", String.valueOf(e.getMessage())));
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return PushResult.deploying(starts);
    }

    private PushResult.DeploymentStart startOne(ImagePush push, String actor, Target target, DeploymentLog log) {
        String id = DeploymentIds.of(push.eventId(), target.cluster(), target.service());
        DeploymentLog deploymentLog = log.forDeployment(id);
        Instant now = ports.clock().instant();
        String input = requestJson(id, push, actor, target, now);
        Deployment pending = Deployment.pending(id, target.cluster(), target.service(),
                new Trigger(push.source(), push.eventId(), actor), push.image().toString(), push.image().digest(),
                target.strategy().name(), now, push.source() + " push of " + push.image(), Optional.of(input));
        boolean created = ports.history().create(pending);
        if (!created && ports.history().find(id).map(d -> d.status() != DeploymentStatus.PENDING).orElse(false)) {
            deploymentLog.info("duplicate trigger: deployment already under way", Map.of("eventId", push.eventId()));
            return new PushResult.DeploymentStart(id, target.cluster(), target.service(), "duplicate");
        }
        // Also when the record existed but is still PENDING: a previous delivery may have stopped
        // between the two writes; execution names are unique, so this cannot start a second one.
        String startInput = created ? input : ports.history().find(id).flatMap(Deployment::pendingExecution).orElse(input);
        Executions.StartResult result = ports.executions().start(id, startInput);
        String outcome = created && result instanceof Executions.StartResult.Started ? "started" : "duplicate";
        deploymentLog.info("deployment " + outcome, Map.of("target", target.key(), "image", push.image().toString()));
        return new PushResult.DeploymentStart(id, target.cluster(), target.service(), outcome);
    }

    private static String requestJson(String id, ImagePush push, String actor, Target target, Instant now) {
        DeploymentRequest request = new DeploymentRequest(id, target.cluster(), target.service(), target.containers(),
                DeploymentSource.ofImage(push.image().toString(), push.image().tag(), push.image().digest()),
                StrategySettings.of(target.strategy(), target.concurrencyPolicy()),
                new TriggerInfo(push.source(), push.eventId(), actor), Claim.precedenceOf(push.pushedAt(), now),
                StepState.initial(), CaughtError.none());
        try {
            return Json.mapper().writeValueAsString(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write deployment request", e);
        }
    }
}
