package dev.berth.engine;

import dev.berth.domain.target.Strategy;
import dev.berth.domain.traffic.Color;
import dev.berth.domain.InvalidInputException;
import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.health.TaskView;
import dev.berth.domain.image.ImageReference;
import dev.berth.domain.platform.PlatformPreflight;
import dev.berth.domain.platform.RuntimePlatform;
import dev.berth.domain.preflight.ServicePreflight;
import dev.berth.domain.taskdef.TaskDefinitionArns;
import dev.berth.domain.taskdef.TaskDefinitionCopy;
import dev.berth.log.DeploymentLog;
import dev.berth.ports.EcsServices;
import dev.berth.ports.ServiceState;
import dev.berth.ports.TaskDefinitionDocument;
import dev.berth.workflow.DeploymentSource;
import dev.berth.workflow.PrepareRevisionRequest;
import dev.berth.workflow.Revisions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prepares a deployment's revisions once its service is ours, so they are derived from what the
 * service is configured with now, never from a read made before another deployment changed it:
 *
 * <ul>
 *   <li><b>new</b>: from a pushed image, a copy of the service's current revision with only the pushed
 *       containers' images changed and pinned by digest (registered once: a retried step finds the
 *       revision it registered by its {@value #DEPLOYMENT_TAG} tag); or a given revision, as it is;</li>
 *   <li><b>previous</b>: the revision that was serving (ECS's last completed deployment);</li>
 *   <li><b>rollback</b>: the previous revision, or, when it names the deployed containers' images by tag
 *       ({@code repo:latest}), a copy pinned to the digests its running tasks actually run.</li>
 * </ul>
 */
public final class RevisionPreparer {

    /** Marks a revision with the deployment that registered it. */
    public static final String DEPLOYMENT_TAG = "berth:deployment-id";
    /** And with what it is for that deployment: {@code new} or {@code rollback} (a pinned copy). */
    public static final String ROLE_TAG = "berth:role";

    private final EnginePorts ports;

    public RevisionPreparer(EnginePorts ports) {
        this.ports = ports;
    }

    public Revisions prepare(PrepareRevisionRequest request, DeploymentLog log) {
        Deployment record = ports.history().find(request.deploymentId()).orElseThrow(() -> new IllegalStateException(
                "no deployment record " + request.deploymentId()));
        if (record.newTaskDefinitionArn().isPresent() && record.previousTaskDefinitionArn().isPresent()
                && record.rollbackTaskDefinitionArn().isPresent()) {
            // A retried step: the revisions were prepared and recorded already.
            return new Revisions(record.previousTaskDefinitionArn().get(), record.newTaskDefinitionArn().get(),
                    record.rollbackTaskDefinitionArn().get(), record.newColor().map(c -> Color.parse(c).other().label()).orElse(""));
        }
        EcsServices ecs = ports.ecs();
        List<TimelineEntry> preflight = new ArrayList<>();
        Strategy strategy = request.strategyOrRolling();
        // Rolling derives from the target's service; blue/green from the live color's, and brings the idle one up.
        Optional<Color> live = strategy instanceof Strategy.BlueGreen blueGreen
                ? Optional.of(new ColorPreflight(ports, request, blueGreen).live(record, preflight, this::fail)) : Optional.empty();
        String serviceName = live.map(color -> ((Strategy.BlueGreen) strategy).of(color).service()).orElse(request.service());
        ServiceState service = ecs.describeService(request.cluster(), serviceName);
        servicePreflight(request, serviceName, service, preflight);
        if (live.isPresent()) {
            String idle = ((Strategy.BlueGreen) strategy).of(live.get().other()).service();
            servicePreflight(request, idle, ecs.describeService(request.cluster(), idle), preflight);
        }
        String previous = service.servingTaskDefinitionArn();
        TaskDefinitionDocument current = ecs.describeTaskDefinition(service.taskDefinitionArn());
        DeploymentSource source = request.source();
        String rollback;

        String next;
        String registered;
        if (source.image().isPresent()) {
            ImageReference image = ImageReference.parse(source.image().get());
            List<String> deployed = request.containers().isEmpty()
                    ? TaskDefinitionCopy.containersRunning(current.definition(), image.repositoryUri()) : request.containers();
            Map<String, Object> definition = containersPreflight(request, current, image, deployed, preflight);
            platformPreflight(request, serviceName, current, image, preflight);
            next = record.newTaskDefinitionArn()
                    .or(() -> alreadyRegistered(request, TaskDefinitionArns.family(current.arn()), "new"))
                    .orElseGet(() -> ecs.registerTaskDefinition(definition, tags(current.tags(), request.deploymentId(), "new")));
            // Blue/green never rolls a service back to a revision: the old color keeps running what it ran.
            rollback = live.isPresent() ? previous : record.rollbackTaskDefinitionArn()
                    .orElseGet(() -> pinnedRollback(request, serviceName, next, previous, current, deployed, log).orElse(previous));
            registered = TaskDefinitionArns.shortName(next) + " from " + TaskDefinitionArns.shortName(current.arn())
                    + " with " + image.pinned();
        } else {
            next = ecs.describeTaskDefinition(source.taskDefinitionArn().get()).arn();
            rollback = record.rollbackTaskDefinitionArn().orElse(previous);
            registered = TaskDefinitionArns.shortName(next) + " as given";
        }

        String rollbackNote = rollback.equals(previous) ? "" : "; rollback pinned to running digests as "
                + TaskDefinitionArns.shortName(rollback);
        Instant now = ports.clock().instant();
        // Written with the revisions, so the passed pre-flight costs no write of its own.
        // A retried step never writes it twice: once this write is made, a retry returns the recorded revisions above.
        String colorNote = live.map(color -> "; " + color.other().label() + " takes it, " + color.label() + " stays live until traffic shifts")
                .orElse("");
        ports.history().update(request.deploymentId(), d -> {
            Deployment started = appended(d, preflight).start(previous, next, rollback, now,
                    registered + "; serving before: " + TaskDefinitionArns.shortName(previous) + rollbackNote + colorNote);
            return live.map(color -> started.withNewColor(color.other().label())).orElse(started);
        });
        log.info("revisions prepared", Map.of("previous", previous, "next", next, "rollback", rollback));
        return new Revisions(previous, next, rollback, live.map(Color::label).orElse(""));
    }

    // ---- pre-flight: what can be known to fail, checked before anything is registered or changed. A failed check
    // is the deployment's reason (FAILED, service untouched), with the checks that passed before it on the
    // timeline; passed ones are written with the revisions.

    private void servicePreflight(PrepareRevisionRequest request, String serviceName, ServiceState service, List<TimelineEntry> passed) {
        String name = request.cluster() + "/" + serviceName;
        Optional<String> problem = ServicePreflight.problem(name, service.status(), service.deploymentController());
        if (problem.isPresent()) {
            fail(request, passed, problem.get());
        }
        passed.add(preflightEntry(ServicePreflight.passed(name)));
    }

    /** The containers the target names exist (or some run the pushed repository): the copy to register. */
    private Map<String, Object> containersPreflight(PrepareRevisionRequest request, TaskDefinitionDocument current,
                                                    ImageReference image, List<String> deployed, List<TimelineEntry> passed) {
        Map<String, Object> definition;
        try {
            definition = TaskDefinitionCopy.derive(current.definition(), request.containers(), image);
        } catch (InvalidInputException e) {
            throw fail(request, passed, e.getMessage());
        }
        passed.add(preflightEntry("container" + (deployed.size() == 1 ? " " : "s ") + String.join(", ", deployed) + " of "
                + TaskDefinitionArns.shortName(current.arn()) + " will run " + image.pinned()));
        return definition;
    }

    /** The pushed image is built for the platform the service's tasks run on. */
    private void platformPreflight(PrepareRevisionRequest request, String serviceName, TaskDefinitionDocument current,
                                   ImageReference image, List<TimelineEntry> passed) {
        String name = request.cluster() + "/" + serviceName;
        PlatformPreflight.Result result = PlatformPreflight.check(forPeople(image), ports.registry().platforms(image), name,
                RuntimePlatform.of(current.definition()));
        if (result instanceof PlatformPreflight.Result.Failed failed) {
            fail(request, passed, failed.message());
        }
        passed.add(preflightEntry(result.message()));
    }

    TimelineEntry preflightEntry(String message) {
        return new TimelineEntry(ports.clock().instant(), "Pre-flight", message);
    }

    /** Records the checks that passed (best effort: the failure is what matters), then fails with {@code problem}. */
    InvalidInputException fail(PrepareRevisionRequest request, List<TimelineEntry> passed, String problem) {
        if (!passed.isEmpty()) {
            try {
                ports.history().update(request.deploymentId(), d -> appended(d, passed));
            } catch (RuntimeException e) {
                // The deployment fails either way, with the problem as its reason.
            }
        }
        throw new InvalidInputException("pre-flight: " + problem);
    }

    private static Deployment appended(Deployment deployment, List<TimelineEntry> entries) {
        Deployment result = deployment;
        for (TimelineEntry entry : entries) {
            result = result.append(entry);
        }
        return result;
    }

    /** {@code shop/web:1.2.0}, as people name the image (the registry is in the record already). */
    private static String forPeople(ImageReference image) {
        return image.repository() + image.tag().map(tag -> ":" + tag)
                .orElseGet(() -> "@" + image.digest().map(d -> d.substring(0, Math.min(d.length(), 19))).orElse(""));
    }

    /**
     * On a retried step, the revision an earlier attempt registered for {@code role}: the family's newest, if tagged
     * with this deployment and that role (registrations are recorded right after they are made, so only the last
     * one can be unrecorded).
     */
    private Optional<String> alreadyRegistered(PrepareRevisionRequest request, String family, String role) {
        if (request.retryCount() <= 0) {
            return Optional.empty();
        }
        return ports.ecs().latestRevision(family)
                .filter(latest -> request.deploymentId().equals(latest.tags().get(DEPLOYMENT_TAG))
                        && role.equals(latest.tags().get(ROLE_TAG)))
                .map(TaskDefinitionDocument::arn);
    }

    /**
     * When the previous revision names a deployed container's image by tag, a copy pinned to what its
     * running tasks run. The new revision is recorded first (the pinned copy is then the family's newest,
     * where a retried step would look for the new one) and the copy right after, so a retried step
     * registers neither again.
     */
    private Optional<String> pinnedRollback(PrepareRevisionRequest request, String serviceName, String next, String previous,
                                            TaskDefinitionDocument current, List<String> deployed, DeploymentLog log) {
        TaskDefinitionDocument previousDocument = previous.equals(current.arn()) ? current : ports.ecs().describeTaskDefinition(previous);
        if (deployed.isEmpty() || TaskDefinitionCopy.pinsByDigest(previousDocument.definition(), deployed)) {
            return Optional.empty();
        }
        Map<String, String> digests = new LinkedHashMap<>();
        for (TaskView task : ports.ecs().tasks(request.cluster(), serviceName, false)) {
            if (task.taskDefinitionArn().equals(previous) && task.isRunning()) {
                task.containers().forEach(container -> container.imageDigest()
                        .filter(digest -> deployed.contains(container.name()))
                        .ifPresent(digest -> digests.putIfAbsent(container.name(), digest)));
            }
        }
        Optional<Map<String, Object>> pinned = TaskDefinitionCopy.pinnedTo(previousDocument.definition(), digests);
        if (pinned.isEmpty()) {
            log.warn("previous revision names images by tag, but no running task reports their digests",
                    Map.of("previous", previous));
            Instant now = ports.clock().instant();
            ports.history().update(request.deploymentId(), d -> d.append(new TimelineEntry(now, "Rollback revision",
                    TaskDefinitionArns.shortName(previous) + " names " + String.join(", ", deployed) + " by tag and no running task"
                            + " reports a digest: a rollback runs whatever the tag names then")));
            return Optional.empty();
        }
        ports.history().update(request.deploymentId(), d -> d.withNewTaskDefinitionArn(next));
        String arn = alreadyRegistered(request, TaskDefinitionArns.family(previous), "rollback").orElseGet(() ->
                ports.ecs().registerTaskDefinition(pinned.get(), tags(previousDocument.tags(), request.deploymentId(), "rollback")));
        ports.history().update(request.deploymentId(), d -> d.withRollbackTaskDefinitionArn(arn));
        return Optional.of(arn);
    }

    /** The revision's tags carried over, Berth's own replaced by this deployment's. */
    private static Map<String, String> tags(Map<String, String> carried, String deploymentId, String role) {
        Map<String, String> tags = new LinkedHashMap<>();
        carried.forEach((key, value) -> {
            if (!key.startsWith("berth:")) {
                tags.put(key, value);
            }
        });
        tags.put(DEPLOYMENT_TAG, deploymentId);
        tags.put(ROLE_TAG, role);
        return tags;
    }
}
