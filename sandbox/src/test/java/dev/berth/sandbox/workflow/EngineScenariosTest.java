package dev.berth.sandbox.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.deployment.Trigger;
import dev.berth.domain.lease.Claim;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.handlers.TargetDocument;
import dev.berth.sandbox.faults.FaultRule;
import dev.berth.workflow.CaughtError;
import dev.berth.workflow.DeploymentRequest;
import dev.berth.workflow.DeploymentSource;
import dev.berth.workflow.StepState;
import dev.berth.workflow.StrategySettings;
import dev.berth.workflow.TriggerInfo;
import dev.berth.json.Json;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.demo.DemoService;
import dev.berth.sandbox.demo.ImagePusher.PushedImage;
import dev.berth.sandbox.ecs.ImageBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The deployment engine's promises, end to end in the sandbox (ECR push → EventBridge → the real
 * handlers and the real state machine → the simulated data plane): one deployment in flight per
 * service with the newest push winning, ECS's own rollback recognised, someone else's change left
 * alone, and no record left without a final word.
 */
class EngineScenariosTest {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    /** Timeline steps that change the service: the engine writes one each time it does. */
    private static final List<String> CHANGES = List.of("Roll the service out to the new revision",
            "Roll the service back to the previous revision");

    private static LocalBerth berth;

    @BeforeAll
    static void startSandbox() {
        berth = SharedLocalBerth.get();
    }

    private record Setup(DemoService service, String repository) {
        String cluster() {
            return service.cluster();
        }
    }

    private static Setup service(long deadlineSeconds, String policy) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String repository = "engine/web-" + suffix;
        String repositoryUri = berth.pusher().repositoryUri(repository);
        berth.pusher().createRepository(repository);
        DemoService service = berth.world().create("e-" + suffix, "web", repositoryUri, "1.0.0", 2, WITHIN);
        berth.targets().put(new TargetDocument(repositoryUri, new TargetDocument.TagPolicyDocument("semver", ">=1.0.0"),
                service.cluster(), service.service(), List.of("web"),
                new TargetDocument.StrategyDocument("rolling", deadlineSeconds, 1L), policy).toTarget());
        return new Setup(service, repository);
    }

    private static PushedImage push(Setup setup, String tag, ImageBehaviour behaviour) {
        return berth.pusher().push(setup.repository(), tag, digest -> berth.scenario().set(digest, behaviour));
    }

    private static Deployment started(Setup setup, PushedImage image) {
        return berth.watcher().awaitStarted(setup.cluster(), "web", image.digest(), WITHIN);
    }

    private static Deployment finalOf(Setup setup, PushedImage image) {
        return berth.watcher().awaitFinal(setup.cluster(), "web", image.digest(), WITHIN, e -> {});
    }

    private static Service described(Setup setup) {
        return berth.clients().ecs().describeServices(r -> r.cluster(setup.cluster()).services("web")).services().getFirst();
    }

    private static List<Instant> changesOf(Deployment deployment) {
        return deployment.timeline().stream().filter(e -> CHANGES.contains(e.step())).map(TimelineEntry::at).toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * The older deployment stopped without rolling back, and every change it made to the service
     * came before the newer one's first: the two never changed the service at the same time.
     */
    private static void supersededCleanly(Deployment older, Deployment newer) {
        assertThat(older.status()).as(older.reason().orElse("")).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(older.reason()).contains("superseded by " + newer.id());
        assertThat(older.timeline()).extracting(TimelineEntry::step).doesNotContain("Roll the service back to the previous revision");
        List<Instant> newerChanges = changesOf(newer);
        assertThat(newerChanges).isNotEmpty();
        assertThat(changesOf(older)).allSatisfy(at -> assertThat(at).isBefore(newerChanges.getFirst()));
        assertThat(older.finishedAt()).hasValueSatisfying(at -> assertThat(at).isBeforeOrEqualTo(newerChanges.getFirst()));
    }

    @Test
    void twoHealthyPushesOneSecondApartTheNewerDeploysAndTheOlderIsSuperseded() throws Exception {
        Setup setup = service(60, null);
        PushedImage first = push(setup, "1.1.0", ImageBehaviour.healthy());
        Thread.sleep(1000);
        PushedImage second = push(setup, "1.2.0", ImageBehaviour.healthy());

        Deployment newer = finalOf(setup, second);
        Deployment older = finalOf(setup, first);

        assertThat(newer.status()).as(newer.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        supersededCleanly(older, newer);
        assertThat(described(setup).taskDefinition()).isEqualTo(newer.newTaskDefinitionArn().orElseThrow());
        // The newer revision was derived from what the service was set to once it was the newer's turn,
        // and a rollback would have gone to what had completed before either.
        assertThat(newer.previousTaskDefinitionArn()).isPresent();
        assertThat(newer.timeline()).extracting(TimelineEntry::step).contains("Waiting for the service", "Acquired the service");
    }

    @Test
    void threeRapidPushesTheLastDeploysAndTheOtherTwoAreSuperseded() {
        Setup setup = service(60, null);
        List<PushedImage> images = new ArrayList<>();
        for (String tag : List.of("1.1.0", "1.2.0", "1.3.0")) {
            images.add(push(setup, tag, ImageBehaviour.healthy()));
        }

        Deployment last = finalOf(setup, images.get(2));
        Deployment middle = finalOf(setup, images.get(1));
        Deployment firstOne = finalOf(setup, images.get(0));

        assertThat(last.status()).as(last.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(List.of(firstOne, middle)).allSatisfy(d -> {
            assertThat(d.status()).as(d.reason().orElse("")).isEqualTo(DeploymentStatus.SUPERSEDED);
            assertThat(changesOf(d)).allSatisfy(at -> assertThat(at).isBefore(changesOf(last).getFirst()));
        });
        assertThat(middle.reason()).contains("superseded by " + last.id());
        assertThat(described(setup).taskDefinition()).isEqualTo(last.newTaskDefinitionArn().orElseThrow());
    }

    @Test
    void aPushWhileASlowRolloutIsInFlightSupersedesItAtItsNextLook() throws Exception {
        Setup setup = service(60, null);
        PushedImage slow = push(setup, "1.1.0", ImageBehaviour.slowStart(Duration.ofHours(2)));
        Deployment inFlight = started(setup, slow);
        await("the slow rollout under way", () -> berth.history().find(inFlight.id()).orElseThrow().timeline().stream()
                .anyMatch(e -> e.step().equals("Rollout health")));

        PushedImage good = push(setup, "1.2.0", ImageBehaviour.healthy());

        Deployment newer = finalOf(setup, good);
        Deployment older = finalOf(setup, slow);
        assertThat(newer.status()).as(newer.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        supersededCleanly(older, newer);
        // The slow revision never completed: what was serving before it is what a rollback returns to.
        assertThat(newer.previousTaskDefinitionArn()).contains(setup.service().initialTaskDefinitionArn());
    }

    @Test
    void underPolicyRejectAPushWhileAnotherIsInFlightFailsAndChangesNothing() throws Exception {
        Setup setup = service(60, "reject");
        PushedImage slow = push(setup, "1.1.0", ImageBehaviour.slowStart(Duration.ofSeconds(60)));
        Deployment inFlight = started(setup, slow);
        await("the first deployment owning the service", () -> berth.history().find(inFlight.id()).orElseThrow()
                .progress().isPresent());

        PushedImage rejected = push(setup, "1.2.0", ImageBehaviour.healthy());

        Deployment refused = finalOf(setup, rejected);
        assertThat(refused.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(refused.reason()).hasValueSatisfying(r -> assertThat(r).contains("rejected").contains(inFlight.id()));
        assertThat(refused.newTaskDefinitionArn()).isEmpty();
        assertThat(finalOf(setup, slow).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void underPolicyQueueTheRunningDeploymentFinishesThenTheWaitingOneDeploys() throws Exception {
        Setup setup = service(60, "queue");
        PushedImage first = push(setup, "1.1.0", ImageBehaviour.slowStart(Duration.ofSeconds(20)));
        Deployment inFlight = started(setup, first);
        await("the first deployment owning the service", () -> berth.history().find(inFlight.id()).orElseThrow()
                .progress().isPresent());

        PushedImage second = push(setup, "1.2.0", ImageBehaviour.healthy());

        Deployment one = finalOf(setup, first);
        Deployment two = finalOf(setup, second);
        assertThat(one.status()).as(one.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(two.status()).as(two.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(changesOf(two).getFirst()).isAfterOrEqualTo(one.finishedAt().orElseThrow());
        assertThat(two.previousTaskDefinitionArn()).contains(one.newTaskDefinitionArn().orElseThrow());
    }

    @Test
    void ecsCircuitBreakerRollbackIsRecordedAsSuchAndBerthDoesNotRollBackOnTopOfIt() {
        Setup setup = service(120, null);
        berth.clients().ecs().updateService(r -> r.cluster(setup.cluster()).service("web")
                .deploymentConfiguration(d -> d.minimumHealthyPercent(100).maximumPercent(200)
                        .deploymentCircuitBreaker(c -> c.enable(true).rollback(true))));
        PushedImage crashing = push(setup, "1.1.0", ImageBehaviour.crashOnStart());

        Deployment deployment = finalOf(setup, crashing);

        assertThat(deployment.status()).as(deployment.reason().orElse("")).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(deployment.reason()).hasValueSatisfying(r -> assertThat(r).contains("circuit breaker rolled the service back"));
        assertThat(deployment.timeline()).extracting(TimelineEntry::step)
                .contains("Watch ECS roll the service back")
                .doesNotContain("Roll the service back to the previous revision");
        assertThat(described(setup).taskDefinition()).isEqualTo(setup.service().initialTaskDefinitionArn());
    }

    @Test
    void someoneElsesUpdateServiceMidRolloutStopsBerthWhichLeavesItAsTheySetIt() throws Exception {
        Setup setup = service(90, null);
        PushedImage slow = push(setup, "1.1.0", ImageBehaviour.slowStart(Duration.ofSeconds(60)));
        Deployment inFlight = started(setup, slow);
        await("the rollout under way", () -> berth.history().find(inFlight.id()).orElseThrow().progress().isPresent());
        String theirs = berth.clients().ecs().registerTaskDefinition(r -> r.family("web-by-hand-" + setup.cluster())
                .containerDefinitions(c -> c.name("web").image(berth.pusher().repositoryUri(setup.repository()) + ":1.0.0")
                        .essential(true).memory(256))).taskDefinition().taskDefinitionArn();

        berth.clients().ecs().updateService(r -> r.cluster(setup.cluster()).service("web").taskDefinition(theirs));

        Deployment deployment = finalOf(setup, slow);
        assertThat(deployment.status()).as(deployment.reason().orElse("")).isEqualTo(DeploymentStatus.ABORTED);
        assertThat(deployment.reason()).hasValueSatisfying(r -> assertThat(r).contains("changed outside")
                .contains("left the service as it is"));
        assertThat(described(setup).taskDefinition()).isEqualTo(theirs);
        assertThat(deployment.timeline()).extracting(TimelineEntry::step).doesNotContain("Roll the service back to the previous revision");
    }

    @Test
    void anExecutionStoppedByHandMidRolloutIsFinalisedByTheSweeper() throws Exception {
        Setup setup = service(90, null);
        PushedImage slow = push(setup, "1.1.0", ImageBehaviour.slowStart(Duration.ofHours(1)));
        Deployment inFlight = started(setup, slow);
        await("the rollout under way", () -> berth.history().find(inFlight.id()).orElseThrow().progress().isPresent());
        String executionArn = "arn:aws:states:us-east-1:123456789012:execution:DeploymentStateMachine:" + inFlight.id();

        berth.clients().sfn().stopExecution(r -> r.executionArn(executionArn).cause("stopped by an operator"));
        await("the execution stopped", () -> berth.clients().sfn().describeExecution(r -> r.executionArn(executionArn))
                .statusAsString().equals("ABORTED"));
        String answer = invokeSweeper();

        Deployment swept = berth.history().find(inFlight.id()).orElseThrow();
        assertThat(swept.status()).as(answer).isEqualTo(DeploymentStatus.ABORTED);
        assertThat(swept.reason()).hasValueSatisfying(r -> assertThat(r).contains("execution stopped by hand")
                .contains("Roll the service out to the new revision"));
        assertThat(Json.mapper().readTree(answer).path("deployments").findValuesAsText("deploymentId")).contains(inFlight.id());
        // The service is free again: the next push deploys at once.
        PushedImage next = push(setup, "1.2.0", ImageBehaviour.healthy());
        assertThat(finalOf(setup, next).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aRecordLeftPendingWithoutAnExecutionIsStartedByTheSweeper() throws Exception {
        Setup setup = service(60, null);
        String id = "d-" + UUID.randomUUID().toString().replace("-", "").substring(0, 30);
        PushedImage image = berth.pusher().push(setup.repository(), "0.9.0"); // semver >=1.0.0: no deployment of its own
        String input = Json.mapper().writeValueAsString(new DeploymentRequest(id, setup.cluster(), "web", List.of("web"),
                DeploymentSource.ofImage(image.repositoryUri() + ":0.9.0@" + image.digest(), Optional.of("0.9.0"), Optional.of(image.digest())),
                new StrategySettings("rolling", 60, 1, 2, "supersede"), new TriggerInfo("ecr", "lost-" + id, "test"),
                Claim.precedenceOf(Instant.now(), Instant.now()), StepState.initial(), CaughtError.none()));
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        berth.history().create(Deployment.pending(id, setup.cluster(), "web", new Trigger("ecr", "lost-" + id, "test"),
                image.repositoryUri() + ":0.9.0@" + image.digest(), Optional.of(image.digest()), "rolling", longAgo,
                "a trigger that stopped before starting the execution", Optional.of(input)));

        String answer = invokeSweeper();

        assertThat(answer).contains(id);
        Deployment done = berth.watcher().awaitFinal(id, WITHIN, e -> {});
        assertThat(done.status()).as(done.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void anOldTaskGoingUnhealthyDuringAHealthyRolloutDoesNotFailTheNewRevision() throws Exception {
        Setup setup = service(60, null);
        String oldImage = berth.pusher().repositoryUri(setup.repository()) + ":1.0.0";
        PushedImage image = push(setup, "1.1.0", ImageBehaviour.slowStart(Duration.ofSeconds(20)));
        Deployment inFlight = started(setup, image);
        await("the rollout under way", () -> berth.history().find(inFlight.id()).orElseThrow().progress().isPresent());

        int changed = berth.images().setIncludingRunning(oldImage, ImageBehaviour.unhealthy());

        Deployment deployment = finalOf(setup, image);
        assertThat(changed).as("old tasks made to fail their checks").isPositive();
        assertThat(deployment.status()).as(deployment.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(deployment.timeline()).extracting(TimelineEntry::detail).noneMatch(d -> d.startsWith("UNHEALTHY"));
    }

    @Test
    void anotherServicesUnhealthyTargetInASharedTargetGroupDoesNotFailTheNewRevision() throws Exception {
        Setup setup = service(60, null);
        String badImage = berth.pusher().repositoryUri("engine/neighbour-" + setup.cluster()) + ":1.0.0";
        berth.images().set(badImage, ImageBehaviour.unhealthy());
        Service web = described(setup);
        String neighbourDefinition = berth.clients().ecs().registerTaskDefinition(r -> r.family("neighbour-" + setup.cluster())
                .networkMode("awsvpc").requiresCompatibilitiesWithStrings("FARGATE").cpu("256").memory("512")
                .containerDefinitions(c -> c.name("app").image(badImage).essential(true).portMappings(m -> m.containerPort(8080))))
                .taskDefinition().taskDefinitionArn();
        berth.clients().ecs().createService(r -> r.cluster(setup.cluster()).serviceName("neighbour")
                .taskDefinition(neighbourDefinition).desiredCount(1).launchType("FARGATE")
                .networkConfiguration(web.networkConfiguration())
                .loadBalancers(lb -> lb.targetGroupArn(setup.service().targetGroupArn()).containerName("app").containerPort(8080)));
        await("the neighbour's target unhealthy in the shared group", () -> berth.clients().elb()
                .describeTargetHealth(r -> r.targetGroupArn(setup.service().targetGroupArn())).targetHealthDescriptions().stream()
                .anyMatch(t -> t.targetHealth().stateAsString().equals("unhealthy")));

        PushedImage image = push(setup, "1.1.0", ImageBehaviour.healthy());

        Deployment deployment = finalOf(setup, image);
        assertThat(deployment.status()).as(deployment.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aBadRevisionsTargetsLingeringWhileTheRollbackTurnsHealthyEndRolledBackNotFailed() throws Exception {
        Setup setup = service(120, null);
        String targetGroup = setup.service().targetGroupArn();
        // 300 s of sim time (AWS's default), 15 s here: the bad revision's targets drain all through the rollback.
        berth.clients().elb().modifyTargetGroupAttributes(r -> r.targetGroupArn(targetGroup)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("300")));
        PushedImage bad = push(setup, "1.1.0", ImageBehaviour.unhealthy());
        Deployment inFlight = started(setup, bad);

        boolean sawLingering = false;
        Deployment now = inFlight;
        Instant deadline = Instant.now().plus(WITHIN);
        while (!now.status().isFinal()) {
            assertThat(Instant.now()).as("the deployment final").isBefore(deadline);
            boolean rollingBack = now.timeline().stream()
                    .anyMatch(e -> e.step().equals("Roll the service back to the previous revision"));
            if (rollingBack && now.newTaskDefinitionArn().isPresent()) {
                sawLingering |= lingering(setup, targetGroup, now.newTaskDefinitionArn().get());
            }
            Thread.sleep(100);
            now = berth.history().find(inFlight.id()).orElseThrow();
        }

        assertThat(sawLingering).as("the bad revision's targets draining while the rollback's were all healthy").isTrue();
        assertThat(now.status()).as(now.reason().orElse("")).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(described(setup).taskDefinition()).isEqualTo(now.rollbackTaskDefinitionArn().orElseThrow());
    }

    /**
     * The target group holds targets of the {@code bad} revision's tasks that are not healthy (unhealthy or
     * draining), while the desired count (2) of the other tasks' targets are healthy: what a judge counting the
     * whole group would hold against the rollback.
     */
    private static boolean lingering(Setup setup, String targetGroup, String bad) {
        var ecs = berth.clients().ecs();
        List<String> arns = new ArrayList<>();
        for (var status : List.of(software.amazon.awssdk.services.ecs.model.DesiredStatus.RUNNING,
                software.amazon.awssdk.services.ecs.model.DesiredStatus.STOPPED)) {
            arns.addAll(ecs.listTasks(r -> r.cluster(setup.cluster()).serviceName("web").desiredStatus(status)).taskArns());
        }
        if (arns.isEmpty()) {
            return false;
        }
        java.util.Map<String, String> definitionByIp = new java.util.HashMap<>();
        for (int from = 0; from < arns.size(); from += 100) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + 100));
            ecs.describeTasks(r -> r.cluster(setup.cluster()).tasks(batch)).tasks().forEach(task -> task.attachments().stream()
                    .flatMap(a -> a.details().stream()).filter(d -> d.name().equals("privateIPv4Address"))
                    .forEach(d -> definitionByIp.put(d.value(), task.taskDefinitionArn())));
        }
        var targets = berth.clients().elb().describeTargetHealth(r -> r.targetGroupArn(targetGroup)).targetHealthDescriptions();
        long badNotHealthy = targets.stream().filter(t -> bad.equals(definitionByIp.get(t.target().id())))
                .filter(t -> List.of("unhealthy", "draining").contains(t.targetHealth().stateAsString())).count();
        long othersHealthy = targets.stream().filter(t -> !bad.equals(definitionByIp.get(t.target().id())))
                .filter(t -> t.targetHealth().stateAsString().equals("healthy")).count();
        return badNotHealthy > 0 && othersHealthy >= 2;
    }

    @Test
    void aServiceUnderTheCodeDeployControllerFailsInPreFlightWithNothingRegisteredAndTheServiceUntouched() {
        Setup setup = service(60, null);
        Service web = described(setup);
        String repositoryUri = berth.pusher().repositoryUri(setup.repository());
        berth.clients().ecs().createService(r -> r.cluster(setup.cluster()).serviceName("legacy")
                .taskDefinition(web.taskDefinition()).desiredCount(1).launchType("FARGATE")
                .networkConfiguration(web.networkConfiguration())
                .deploymentController(c -> c.type("CODE_DEPLOY")));
        berth.targets().put(new TargetDocument(repositoryUri, new TargetDocument.TagPolicyDocument("semver", ">=1.0.0"),
                setup.cluster(), "legacy", List.of("web"), new TargetDocument.StrategyDocument("rolling", 60L, 1L)).toTarget());
        List<String> revisionsBefore = berth.clients().ecs().listTaskDefinitions(r -> r.familyPrefix(
                dev.berth.domain.taskdef.TaskDefinitionArns.family(web.taskDefinition()))).taskDefinitionArns();

        PushedImage image = push(setup, "1.1.0", ImageBehaviour.healthy());

        Deployment legacy = berth.watcher().awaitFinal(setup.cluster(), "legacy", image.digest(), WITHIN, e -> {});
        assertThat(legacy.status()).as(legacy.reason().orElse("")).isEqualTo(DeploymentStatus.FAILED);
        assertThat(legacy.reason()).hasValueSatisfying(r -> assertThat(r)
                .contains("pre-flight: service " + setup.cluster() + "/legacy uses the CODE_DEPLOY deployment controller"));
        assertThat(legacy.newTaskDefinitionArn()).isEmpty();
        assertThat(berth.clients().ecs().describeServices(r -> r.cluster(setup.cluster()).services("legacy")).services()
                .getFirst().taskDefinition()).isEqualTo(web.taskDefinition());
        // The same push deployed the ECS-controlled service beside it; every revision registered since is that one's.
        Deployment deployed = finalOf(setup, image);
        assertThat(deployed.status()).as(deployed.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        List<String> registered = new ArrayList<>(berth.clients().ecs().listTaskDefinitions(r -> r.familyPrefix(
                dev.berth.domain.taskdef.TaskDefinitionArns.family(web.taskDefinition()))).taskDefinitionArns());
        registered.removeAll(revisionsBefore);
        assertThat(registered).isNotEmpty().allSatisfy(arn -> assertThat(berth.clients().ecs().describeTaskDefinition(r -> r
                .taskDefinition(arn).include(software.amazon.awssdk.services.ecs.model.TaskDefinitionField.TAGS)).tags())
                .contains(software.amazon.awssdk.services.ecs.model.Tag.builder().key("berth:deployment-id").value(deployed.id()).build()));
    }

    @Test
    void anArm64OnlyImageForAnX86ServiceFailsInPreFlightWithNothingRegisteredAndTheServiceUntouched() {
        Setup setup = service(60, null);
        Service before = described(setup);

        PushedImage image = berth.pusher().push(setup.repository(), "1.1.0", "linux/arm64", digest -> {});

        Deployment d = finalOf(setup, image);
        assertThat(d.status()).as(d.reason().orElse("")).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("pre-flight: image " + setup.repository()
                + ":1.1.0 is linux/arm64 only; service " + setup.cluster() + "/web runs LINUX/X86_64: build it for linux/amd64"));
        assertThat(d.newTaskDefinitionArn()).isEmpty();
        assertThat(d.timeline()).extracting(TimelineEntry::detail).contains(
                "service " + setup.cluster() + "/web is ACTIVE under the ECS deployment controller");
        assertThat(described(setup).taskDefinition()).isEqualTo(before.taskDefinition());
        assertThat(described(setup).deployments()).hasSize(1);
    }

    @Test
    void aMultiArchImageHoldingTheServicesPlatformDeploys() {
        Setup setup = service(60, null);

        PushedImage image = berth.pusher().pushMultiArch(setup.repository(), "1.1.0", List.of("linux/arm64", "linux/amd64"));

        Deployment d = finalOf(setup, image);
        assertThat(d.status()).as(d.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(d.timeline()).extracting(TimelineEntry::detail).contains("image " + setup.repository()
                + ":1.1.0 has linux/amd64 for LINUX/X86_64 (image index: linux/arm64, linux/amd64)");
        assertThat(d.reason()).hasValueSatisfying(r -> assertThat(r).contains("container health checks (web)"));
    }

    @Test
    void aContainerWhoseHealthCheckFailsBehindAPassingTargetRollsBackNamingTheContainer() {
        Setup setup = service(60, null);

        PushedImage image = push(setup, "1.1.0", new ImageBehaviour.ContainerUnhealthy());

        Deployment d = finalOf(setup, image);
        assertThat(d.status()).as(d.reason().orElse("")).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason()).hasValueSatisfying(r -> assertThat(r).containsAnyOf("container web: health check failing",
                "web health check failing"));
        assertThat(d.timeline()).extracting(TimelineEntry::detail).noneMatch(line -> line.contains("targets unhealthy"));
    }

    @Test
    void aWorkerWithoutALoadBalancerIsJudgedOnItsContainerHealthHealthyOrNot() {
        Setup setup = service(60, null);
        Service web = described(setup);
        berth.clients().ecs().createService(r -> r.cluster(setup.cluster()).serviceName("worker")
                .taskDefinition(web.taskDefinition()).desiredCount(1).launchType("FARGATE")
                .networkConfiguration(web.networkConfiguration())
                .deploymentConfiguration(c -> c.minimumHealthyPercent(100).maximumPercent(200)));
        berth.targets().put(new TargetDocument(berth.pusher().repositoryUri(setup.repository()),
                new TargetDocument.TagPolicyDocument("semver", ">=1.0.0"), setup.cluster(), "worker", List.of("web"),
                new TargetDocument.StrategyDocument("rolling", 60L, 1L)).toTarget());

        PushedImage good = push(setup, "1.1.0", ImageBehaviour.healthy());
        Deployment healthy = berth.watcher().awaitFinal(setup.cluster(), "worker", good.digest(), WITHIN, e -> {});
        assertThat(healthy.status()).as(healthy.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(healthy.reason()).hasValueSatisfying(r -> assertThat(r)
                .endsWith("evidence: ECS rollout, container health checks (web)").doesNotContain("tg "));

        PushedImage bad = push(setup, "1.2.0", new ImageBehaviour.ContainerUnhealthy());
        Deployment unhealthy = berth.watcher().awaitFinal(setup.cluster(), "worker", bad.digest(), WITHIN, e -> {});
        assertThat(unhealthy.status()).as(unhealthy.reason().orElse("")).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(unhealthy.reason()).hasValueSatisfying(r -> assertThat(r).containsAnyOf("container web: health check failing",
                "web health check failing"));
    }

    @Test
    void aServiceOnAMovingTagRollsBackToTheDigestThatWasRunningNotToWhatTheTagNowNames() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String repository = "engine/latest-" + suffix;
        String repositoryUri = berth.pusher().repositoryUri(repository);
        PushedImage good = berth.pusher().push(repository, "latest");
        DemoService service = berth.world().create("l-" + suffix, "web", repositoryUri, "latest", 2, WITHIN);
        berth.targets().put(new TargetDocument(repositoryUri, new TargetDocument.TagPolicyDocument("exact", "latest"),
                service.cluster(), "web", List.of("web"), new TargetDocument.StrategyDocument("rolling", 60L, 1L)).toTarget());
        Setup setup = new Setup(service, repository);

        PushedImage bad = berth.pusher().push(repository, "latest", digest -> berth.scenario().set(digest, ImageBehaviour.unhealthy()));

        Deployment deployment = finalOf(setup, bad);
        assertThat(deployment.status()).as(deployment.reason().orElse("")).isEqualTo(DeploymentStatus.ROLLED_BACK);
        String rollback = deployment.rollbackTaskDefinitionArn().orElseThrow();
        assertThat(rollback).isNotEqualTo(service.initialTaskDefinitionArn());
        assertThat(described(setup).taskDefinition()).isEqualTo(rollback);
        assertThat(berth.clients().ecs().describeTaskDefinition(r -> r.taskDefinition(rollback)).taskDefinition()
                .containerDefinitions().stream().filter(c -> c.name().equals("web")).findFirst().orElseThrow().image())
                .isEqualTo(repositoryUri + "@" + good.digest());
    }

    @Test
    void aHistoryWriteFailingDuringEveryLookNeverFailsAHealthyDeployment() {
        Setup setup = service(60, null);
        FaultRule failing = FaultRule.failing("dynamodb", "PutItem").fromFunction("ObserveStepFunction")
                .whenBodyContains(berth.sandbox().tableName("DeploymentsTable")).withError(500, "InternalServerError").times(10_000);
        berth.sandbox().faults().add(failing);
        Deployment deployment;
        try {
            deployment = finalOf(setup, push(setup, "1.1.0", ImageBehaviour.healthy()));
        } finally {
            berth.sandbox().faults().clear();
        }

        assertThat(deployment.status()).as(deployment.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(deployment.timeline()).as("every look's timeline write failed").extracting(TimelineEntry::step)
                .doesNotContain("Rollout health");
    }

    @Test
    void aPushThatCouldNotStartItsDeploymentIsKeptInTheFailureQueueAndReplays() throws Exception {
        Setup setup = service(60, null);
        var sqs = berth.clients().configure(software.amazon.awssdk.services.sqs.SqsClient.builder(), "SQS").build();
        String queue = sqs.getQueueUrl(r -> r.queueName("PushFailuresQueue")).queueUrl();
        sqs.purgeQueue(r -> r.queueUrl(queue));
        berth.sandbox().faults().add(FaultRule.failing("states", "StartExecution").fromFunction("EcrPushFunction")
                .withError(400, "StateMachineDoesNotExist").times(10_000));
        PushedImage image;
        String record;
        try {
            image = push(setup, "1.1.0", ImageBehaviour.healthy());
            record = awaitMessage(sqs, queue);
        } finally {
            berth.sandbox().faults().clear();
        }
        JsonNode failure = Json.mapper().readTree(record);
        assertThat(failure.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(failure.path("responsePayload").path("errorMessage").asText()).contains("StartExecution");
        assertThat(failure.path("requestPayload").path("detail").path("image-digest").asText()).isEqualTo(image.digest());

        try (LambdaClient lambda = berth.clients().configure(LambdaClient.builder(), "LAMBDA").build()) {
            InvokeResponse replay = lambda.invoke(r -> r.functionName("EcrPushFunction").payload(SdkBytes.fromUtf8String(record)));
            assertThat(replay.functionError()).as(replay.payload().asUtf8String()).isNull();
        }
        Deployment deployment = finalOf(setup, image);
        assertThat(deployment.status()).as(deployment.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    private static String awaitMessage(software.amazon.awssdk.services.sqs.SqsClient sqs, String queue) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        while (Instant.now().isBefore(deadline)) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1).waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                return messages.getFirst().body();
            }
        }
        throw new AssertionError("no failure record in PushFailuresQueue within " + WITHIN);
    }

    private static String invokeSweeper() {
        // What the template's schedule does every five minutes, now.
        try (LambdaClient lambda = berth.clients().configure(LambdaClient.builder(), "LAMBDA").build()) {
            InvokeResponse response = lambda.invoke(r -> r.functionName("SweepDeploymentsFunction")
                    .payload(SdkBytes.fromUtf8String("{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"detail\":{}}")));
            assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
            return response.payload().asUtf8String();
        }
    }
}
