package dev.berth.engine.fakes;

import dev.berth.domain.health.EcsDeploymentView;
import dev.berth.domain.health.TaskView;
import dev.berth.ports.AwsCallException;
import dev.berth.ports.EcsServices;
import dev.berth.ports.ServiceState;
import dev.berth.ports.TaskDefinitionDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory ECS, as faithful as the engine needs: task definitions registered in families with
 * revisions and tags; services with deployments, where UpdateService to another revision makes a new
 * PRIMARY deployment and turns the old one ACTIVE (to the same revision it changes nothing, as ECS without
 * forceNewDeployment); tasks in awsvpc mode, each with an IP registered on port 8080 in the service's target
 * groups. ECS's data plane does not move by itself: tests move it ({@link #launch}, {@link #finishRollout},
 * {@link #tripCircuitBreaker}...). Only the port's methods count as calls Berth made.
 */
public final class FakeEcs implements EcsServices {

    public static final String ACCOUNT = "123456789012";
    public static final int PORT = 8080;
    public static final String BREAKER_FAILED = "ECS deployment circuit breaker: tasks failed to start.";

    private final FakeTargetHealth elb;
    private final Map<String, TaskDefinitionDocument> definitions = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private int deploymentIds;
    private int taskIds;
    private int ips;

    public FakeEcs(FakeTargetHealth elb) {
        this.elb = elb;
    }

    /** One ECS deployment of a service. */
    static final class Deployment {
        final String id;
        String status = "PRIMARY";
        final String taskDefinitionArn;
        String rolloutState = "IN_PROGRESS";
        String reason;
        int desired;
        int failed;

        Deployment(String id, String taskDefinitionArn, int desired) {
            this.id = id;
            this.taskDefinitionArn = taskDefinitionArn;
            this.desired = desired;
        }
    }

    /** One task: awsvpc, one IP. */
    static final class Task {
        final String arn;
        final String deploymentId;
        final String taskDefinitionArn;
        final String ip;
        String lastStatus = "RUNNING";
        String desiredStatus = "RUNNING";
        String stopCode;
        String stoppedReason;
        Integer exitCode;
        final Map<String, String> digests;

        Task(String arn, String deploymentId, String taskDefinitionArn, String ip, Map<String, String> digests) {
            this.arn = arn;
            this.deploymentId = deploymentId;
            this.taskDefinitionArn = taskDefinitionArn;
            this.ip = ip;
            this.digests = digests;
        }
    }

    /** One service and what ECS keeps about it. */
    static final class Service {
        final String cluster;
        final String name;
        String taskDefinitionArn;
        int desired;
        final List<String> targetGroups;
        final boolean breakerRollback;
        String status = "ACTIVE";
        Optional<String> controller = Optional.of("ECS");
        final List<Deployment> deployments = new ArrayList<>();
        final List<Task> tasks = new ArrayList<>();

        Service(String cluster, String name, String taskDefinitionArn, int desired, List<String> targetGroups, boolean breakerRollback) {
            this.cluster = cluster;
            this.name = name;
            this.taskDefinitionArn = taskDefinitionArn;
            this.desired = desired;
            this.targetGroups = targetGroups;
            this.breakerRollback = breakerRollback;
        }

        Deployment primary() {
            return deployments.stream().filter(d -> d.status.equals("PRIMARY")).findFirst().orElseThrow();
        }

        /** Tasks belong to the deployment that started them, as ECS's {@code startedBy}. */
        long running(Deployment deployment) {
            return tasks.stream().filter(t -> t.deploymentId.equals(deployment.id) && t.lastStatus.equals("RUNNING")).count();
        }
    }

    // ---- the port

    @Override
    public ServiceState describeService(String cluster, String service) {
        calls.add("DescribeServices " + cluster + "/" + service);
        Service s = service(cluster, service);
        List<EcsDeploymentView> views = s.deployments.stream()
                .sorted(Comparator.comparing(d -> d.status.equals("PRIMARY") ? 0 : 1))
                .map(d -> new EcsDeploymentView(d.id, d.status, d.taskDefinitionArn, Optional.of(d.rolloutState),
                        Optional.ofNullable(d.reason), d.desired, (int) s.running(d), 0, d.failed))
                .toList();
        return new ServiceState("arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/" + cluster,
                "arn:aws:ecs:us-east-1:" + ACCOUNT + ":service/" + cluster + "/" + service, service, s.taskDefinitionArn,
                s.desired, views, s.targetGroups, s.breakerRollback, s.status, s.controller);
    }

    @Override
    public TaskDefinitionDocument describeTaskDefinition(String taskDefinitionArn) {
        calls.add("DescribeTaskDefinition " + taskDefinitionArn);
        return definition(taskDefinitionArn);
    }

    @Override
    public Optional<TaskDefinitionDocument> latestRevision(String family) {
        calls.add("DescribeTaskDefinition " + family);
        return latest(family);
    }

    @Override
    public String registerTaskDefinition(Map<String, Object> definition, Map<String, String> tags) {
        String arn = register(definition, tags);
        calls.add("RegisterTaskDefinition " + shortName(arn));
        return arn;
    }

    @Override
    public void updateService(String cluster, String service, String taskDefinitionArn) {
        calls.add("UpdateService " + cluster + "/" + service + " " + shortName(taskDefinitionArn));
        setService(cluster, service, taskDefinitionArn);
    }

    @Override
    public void updateService(String cluster, String service, String taskDefinitionArn, int desiredCount) {
        calls.add("UpdateService " + cluster + "/" + service + " " + shortName(taskDefinitionArn) + " x" + desiredCount);
        service(cluster, service).desired = desiredCount;
        setService(cluster, service, taskDefinitionArn);
        service(cluster, service).primary().desired = desiredCount;
    }

    /** Scaling to 0 stops the service's tasks at once and deregisters them (the fake's data plane needs no moving for it). */
    @Override
    public void scale(String cluster, String service, int desiredCount) {
        calls.add("UpdateService " + cluster + "/" + service + " x" + desiredCount);
        Service s = service(cluster, service);
        s.desired = desiredCount;
        s.primary().desired = desiredCount;
        if (desiredCount == 0) {
            s.deployments.forEach(d -> stopTasks(s, d, true));
        }
    }

    @Override
    public List<TaskView> tasks(String cluster, String service, boolean stoppedToo) {
        calls.add("ListTasks " + cluster + "/" + service + (stoppedToo ? " with stopped" : ""));
        return service(cluster, service).tasks.stream()
                .filter(t -> t.desiredStatus.equals("RUNNING") || stoppedToo)
                .map(FakeEcs::view)
                .toList();
    }

    // ---- setting the world up

    /** Registers a revision of {@code family} whose containers run these images (name → image), as someone did before Berth. */
    public String seedTaskDefinition(String family, Map<String, String> images, Map<String, String> tags) {
        List<Map<String, Object>> containers = new ArrayList<>();
        images.forEach((name, image) -> {
            Map<String, Object> container = new LinkedHashMap<>();
            container.put("name", name);
            container.put("image", image);
            container.put("essential", true);
            container.put("portMappings", List.of(Map.of("containerPort", PORT)));
            containers.add(container);
        });
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("family", family);
        definition.put("networkMode", "awsvpc");
        definition.put("containerDefinitions", containers);
        definition.put("cpu", "256");
        definition.put("memory", "512");
        // A Fargate task definition naming no runtimePlatform: its tasks run on LINUX/X86_64.
        definition.put("requiresCompatibilities", List.of("FARGATE"));
        return register(definition, tags);
    }

    /** A service running {@code desired} healthy tasks of a revision, its one deployment COMPLETED. */
    public void createService(String cluster, String name, String taskDefinitionArn, int desired, List<String> targetGroups,
                              boolean breakerRollback) {
        definition(taskDefinitionArn);
        Service service = new Service(cluster, name, taskDefinitionArn, desired, List.copyOf(targetGroups), breakerRollback);
        services.put(cluster + "/" + name, service);
        targetGroups.forEach(elb::createGroup);
        Deployment first = new Deployment("ecs-svc/" + (++deploymentIds), taskDefinitionArn, desired);
        first.rolloutState = "COMPLETED";
        service.deployments.add(first);
        for (int i = 0; i < desired; i++) {
            startTask(service, first, "healthy", null);
        }
    }

    /** The service's status (ACTIVE, DRAINING) and deployment controller, as someone set them up outside Berth. */
    public void setServiceControl(String cluster, String service, String status, Optional<String> controller) {
        Service s = service(cluster, service);
        s.status = status;
        s.controller = controller;
    }

    /** What ECS does on UpdateService, whoever calls it. */
    public void setService(String cluster, String service, String taskDefinitionArn) {
        Service s = service(cluster, service);
        definition(taskDefinitionArn);
        if (s.taskDefinitionArn.equals(taskDefinitionArn)) {
            return;
        }
        s.deployments.stream().filter(d -> d.status.equals("PRIMARY")).forEach(d -> d.status = "ACTIVE");
        s.deployments.add(new Deployment("ecs-svc/" + (++deploymentIds), taskDefinitionArn, s.desired));
        s.taskDefinitionArn = taskDefinitionArn;
    }

    /** Starts the PRIMARY deployment's missing tasks; their targets register in every group in {@code targetState}. */
    public void launch(String cluster, String service, String targetState, String reason) {
        Service s = service(cluster, service);
        Deployment primary = s.primary();
        long missing = primary.desired - s.running(primary);
        for (int i = 0; i < missing; i++) {
            startTask(s, primary, targetState, reason);
        }
    }

    /** Every target of a revision's running tasks, in every group of the service, goes to {@code state}. */
    public void setTargets(String cluster, String service, String taskDefinitionArn, String state, String reason) {
        Service s = service(cluster, service);
        s.tasks.stream().filter(t -> t.taskDefinitionArn.equals(taskDefinitionArn) && t.lastStatus.equals("RUNNING"))
                .forEach(t -> s.targetGroups.forEach(tg -> elb.put(tg, t.ip, PORT, state, reason)));
    }

    /**
     * The PRIMARY deployment is COMPLETED: the other deployments' tasks are stopped and the deployments go;
     * their targets deregister, unless {@code keepOldTargets} (a target still draining, or lingering unhealthy).
     */
    public void finishRollout(String cluster, String service, boolean keepOldTargets) {
        Service s = service(cluster, service);
        Deployment primary = s.primary();
        primary.rolloutState = "COMPLETED";
        for (Deployment other : List.copyOf(s.deployments)) {
            if (other == primary) {
                continue;
            }
            stopTasks(s, other, !keepOldTargets);
            s.deployments.remove(other);
        }
    }

    /** Healthy tasks of the PRIMARY revision, then the rollout COMPLETED. */
    public void completeRollout(String cluster, String service) {
        launch(cluster, service, "healthy", null);
        finishRollout(cluster, service, false);
    }

    /** {@code count} tasks of the PRIMARY revision stopped on start ({@code EssentialContainerExited}, {@code TaskFailedToStart}). */
    public void crash(String cluster, String service, int count, String stopCode, String reason, Integer exitCode) {
        Service s = service(cluster, service);
        Deployment primary = s.primary();
        for (int i = 0; i < count; i++) {
            Task task = new Task(taskArn(cluster), primary.id, primary.taskDefinitionArn, nextIp(), digests(primary.taskDefinitionArn));
            task.lastStatus = "STOPPED";
            task.desiredStatus = "STOPPED";
            task.stopCode = stopCode;
            task.stoppedReason = reason;
            task.exitCode = exitCode;
            s.tasks.add(task);
        }
        primary.failed += count;
    }

    /**
     * ECS's circuit breaker gives up on the PRIMARY deployment: rollout FAILED; when the service rolls back by
     * itself, ECS makes a new PRIMARY deployment of the last COMPLETED revision (without an UpdateService call).
     */
    public void tripCircuitBreaker(String cluster, String service) {
        Service s = service(cluster, service);
        Deployment failed = s.primary();
        failed.rolloutState = "FAILED";
        failed.reason = BREAKER_FAILED;
        if (!s.breakerRollback) {
            return;
        }
        Deployment completed = s.deployments.stream().filter(d -> d != failed && d.rolloutState.equals("COMPLETED"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no completed deployment to roll back to"));
        failed.status = "ACTIVE";
        Deployment rollback = new Deployment("ecs-svc/" + (++deploymentIds), completed.taskDefinitionArn, s.desired);
        rollback.reason = "ECS deployment circuit breaker: rolling back to deploymentId " + completed.id;
        s.deployments.add(rollback);
        s.taskDefinitionArn = completed.taskDefinitionArn;
    }

    // ---- reading the world

    public String taskDefinitionOf(String cluster, String service) {
        return service(cluster, service).taskDefinitionArn;
    }

    /** The calls Berth made, in order, e.g. {@code UpdateService prod/web web:8}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public List<String> calls(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    public TaskDefinitionDocument definition(String arnOrFamily) {
        TaskDefinitionDocument document = definitions.get(arnOrFamily);
        if (document != null) {
            return document;
        }
        return definitions.values().stream().filter(d -> shortName(d.arn()).equals(arnOrFamily)).findFirst()
                .or(() -> latest(arnOrFamily))
                .orElseThrow(() -> new AwsCallException("DescribeTaskDefinition " + arnOrFamily
                        + ": ClientException: Unable to describe task definition.", null));
    }

    public List<TaskDefinitionDocument> revisions(String family) {
        return definitions.values().stream().filter(d -> family.equals(d.definition().get("family"))).toList();
    }

    /** The image a container of a revision runs. */
    @SuppressWarnings("unchecked")
    public String image(String taskDefinitionArn, String container) {
        return ((List<Map<String, Object>>) definition(taskDefinitionArn).definition().get("containerDefinitions")).stream()
                .filter(c -> container.equals(c.get("name"))).map(c -> (String) c.get("image")).findFirst().orElseThrow();
    }

    public List<String> runningIps(String cluster, String service, String taskDefinitionArn) {
        return service(cluster, service).tasks.stream()
                .filter(t -> t.taskDefinitionArn.equals(taskDefinitionArn) && t.lastStatus.equals("RUNNING")).map(t -> t.ip).toList();
    }

    /** The digest the registry resolves an image to: its own digest, or a stable made-up one for a tag. */
    public static String digestOf(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(at + 1);
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String shortName(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    // ---- inside

    private String register(Map<String, Object> definition, Map<String, String> tags) {
        String family = (String) definition.get("family");
        if (family == null || !(definition.get("containerDefinitions") instanceof List<?>)) {
            throw new AwsCallException("RegisterTaskDefinition: ClientException: family and containerDefinitions are required", null);
        }
        for (String readOnly : dev.berth.domain.taskdef.TaskDefinitionCopy.READ_ONLY_FIELDS) {
            if (definition.containsKey(readOnly)) {
                throw new AwsCallException("RegisterTaskDefinition: ClientException: unknown parameter " + readOnly, null);
            }
        }
        int revision = revisions(family).size() + 1;
        String arn = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-definition/" + family + ":" + revision;
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("taskDefinitionArn", arn);
        stored.putAll(copy(definition));
        stored.put("revision", revision);
        stored.put("status", "ACTIVE");
        definitions.put(arn, new TaskDefinitionDocument(arn, stored, new LinkedHashMap<>(tags)));
        return arn;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> definition) {
        try {
            var mapper = dev.berth.json.Json.mapper();
            return mapper.readValue(mapper.writeValueAsBytes(definition), LinkedHashMap.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<TaskDefinitionDocument> latest(String family) {
        List<TaskDefinitionDocument> all = revisions(family);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    private Service service(String cluster, String service) {
        Service s = services.get(cluster + "/" + service);
        if (s == null) {
            throw new AwsCallException("ECS service " + service + " not found in cluster " + cluster + " (MISSING)", null);
        }
        return s;
    }

    private void startTask(Service s, Deployment deployment, String targetState, String reason) {
        Task task = new Task(taskArn(s.cluster), deployment.id, deployment.taskDefinitionArn, nextIp(), digests(deployment.taskDefinitionArn));
        s.tasks.add(task);
        s.targetGroups.forEach(tg -> elb.put(tg, task.ip, PORT, targetState, reason));
    }

    private void stopTasks(Service s, Deployment deployment, boolean deregister) {
        for (Task task : s.tasks) {
            if (task.deploymentId.equals(deployment.id) && task.desiredStatus.equals("RUNNING")) {
                task.lastStatus = "STOPPED";
                task.desiredStatus = "STOPPED";
                task.stopCode = "ServiceSchedulerInitiated";
                task.stoppedReason = "Scaling activity initiated by (deployment " + s.primary().id + ")";
                if (deregister) {
                    s.targetGroups.forEach(tg -> elb.deregister(tg, task.ip, PORT));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> digests(String taskDefinitionArn) {
        Map<String, String> digests = new LinkedHashMap<>();
        ((List<Map<String, Object>>) definition(taskDefinitionArn).definition().get("containerDefinitions"))
                .forEach(c -> digests.put((String) c.get("name"), digestOf((String) c.get("image"))));
        return digests;
    }

    private String taskArn(String cluster) {
        return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/" + cluster + "/" + String.format("%032x", ++taskIds);
    }

    private String nextIp() {
        ips++;
        return "10.0." + (ips / 250) + "." + (ips % 250 + 1);
    }

    private static TaskView view(Task t) {
        return new TaskView(t.arn, t.taskDefinitionArn, t.lastStatus, t.desiredStatus, Optional.empty(), Optional.empty(),
                Optional.ofNullable(t.stopCode), Optional.ofNullable(t.stoppedReason), List.of(new TaskView.Endpoint(t.ip, 0)),
                t.digests.entrySet().stream().map(e -> new TaskView.ContainerView(e.getKey(),
                        Optional.ofNullable(t.exitCode), Optional.empty(), Optional.of(e.getValue()))).toList());
    }
}
