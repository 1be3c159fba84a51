package dev.berth.domain.deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The history record of one deployment.
 *
 * <p>Built by Berth itself, so a malformed record is a bug: the constructor throws IllegalArgumentException, not
 * InvalidInputException. A final status always has {@code finishedAt}, and only a final status has it.
 *
 * @param image the image as pushed, in canonical form
 * @param strategy the strategy's name, e.g. {@code rolling}
 */
public record Deployment(
        String id,
        String cluster,
        String service,
        Trigger trigger,
        String image,
        Optional<String> digest,
        String strategy,
        Optional<String> previousTaskDefinitionArn,
        Optional<String> newTaskDefinitionArn,
        DeploymentStatus status,
        Optional<String> reason,
        Instant startedAt,
        Optional<Instant> finishedAt,
        List<TimelineEntry> timeline) {

    public Deployment {
        if (id == null || id.isBlank() || cluster == null || service == null || trigger == null || image == null
                || strategy == null || status == null || startedAt == null) {
            throw new IllegalArgumentException("deployment " + id
                    + " needs an id, cluster, service, trigger, image, strategy, status and start time");
        }
        digest = digest == null ? Optional.empty() : digest;
        previousTaskDefinitionArn = previousTaskDefinitionArn == null ? Optional.empty() : previousTaskDefinitionArn;
        newTaskDefinitionArn = newTaskDefinitionArn == null ? Optional.empty() : newTaskDefinitionArn;
        reason = reason == null ? Optional.empty() : reason;
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        if (status.isFinal() != finishedAt.isPresent()) {
            throw new IllegalArgumentException("deployment " + id + " is " + status + (status.isFinal()
                    ? " but has no finish time"
                    : " but has a finish time"));
        }
    }

    /** The service it deploys to: {@code cluster/service}, as {@code Target.key()}. */
    public String serviceKey() {
        return cluster + "/" + service;
    }

    /**
     * This deployment in status {@code next}, finished at {@code at} when {@code next} is final. Without a new reason
     * the earlier one is kept, so ROLLED_BACK still says why it rolled back. The timeline is not touched.
     *
     * @throws IllegalStateException when the status may not move to {@code next}
     */
    public Deployment moveTo(DeploymentStatus next, Optional<String> newReason, Instant at) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("deployment " + id + " cannot move from " + status + " to " + next);
        }
        if (at == null) {
            throw new IllegalArgumentException("moving deployment " + id + " to " + next + " needs a time");
        }
        return new Deployment(id, cluster, service, trigger, image, digest, strategy, previousTaskDefinitionArn,
                newTaskDefinitionArn, next, newReason == null || newReason.isEmpty() ? reason : newReason, startedAt,
                next.isFinal() ? Optional.of(at) : Optional.empty(), timeline);
    }

    /** This deployment, recording the revision the service ran before it. */
    public Deployment withPreviousTaskDefinitionArn(String arn) {
        return new Deployment(id, cluster, service, trigger, image, digest, strategy, Optional.of(arn),
                newTaskDefinitionArn, status, reason, startedAt, finishedAt, timeline);
    }

    /** This deployment, recording the revision it registered. */
    public Deployment withNewTaskDefinitionArn(String arn) {
        return new Deployment(id, cluster, service, trigger, image, digest, strategy, previousTaskDefinitionArn,
                Optional.of(arn), status, reason, startedAt, finishedAt, timeline);
    }

    /** This deployment with one more timeline entry at the end. */
    public Deployment append(TimelineEntry entry) {
        if (entry == null) {
            throw new IllegalArgumentException("no timeline entry to append to deployment " + id);
        }
        List<TimelineEntry> longer = new ArrayList<>(timeline);
        longer.add(entry);
        return new Deployment(id, cluster, service, trigger, image, digest, strategy, previousTaskDefinitionArn,
                newTaskDefinitionArn, status, reason, startedAt, finishedAt, longer);
    }
}
