package dev.berth.sandbox.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.adapters.DynamoDbServiceLeases;
import dev.berth.adapters.EcsServicesAdapter;
import dev.berth.domain.lease.Claim;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.ports.ServiceLeases;
import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentIds;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.deployment.Trigger;
import dev.berth.domain.image.ImageReference;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.target.TagPolicy;
import dev.berth.domain.target.Target;
import dev.berth.domain.taskdef.TaskDefinitionCopy;
import dev.berth.json.Json;
import dev.berth.ports.DeploymentHistory;
import dev.berth.ports.TaskDefinitionDocument;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.TestPaths;
import dev.berth.sandbox.ecs.ImageBehaviour;
import dev.berth.sandbox.template.SamFunction;
import dev.berth.sandbox.template.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Every sample in {@code events/} fed to its function as {@code sam local invoke <Function> -e events/<file>} does:
 * the file's bytes, untouched, through the sandbox's Lambda endpoint, to the template's function of that logical id.
 * The world the samples name (cluster {@code shop}, service {@code web}, task definitions {@code web:7} and
 * {@code web:8}, deployment {@code d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f}) is made first, so every sample succeeds for real.
 */
class SampleEventsTest {

    /** Which function a sample is for, by the start of its file name (as events/README.md lists them). */
    private static final Map<String, String> FUNCTION_BY_PREFIX = prefixes();
    private static final String DEPLOYMENT_ID = "d-5d0c2f6a8e1b4c3d9f7a6b5c4d3e2f";
    private static final String CLUSTER = "shop";
    private static final String SERVICE = "web";
    private static final String REPOSITORY = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web";
    private static final String DIGEST = "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd7d2b1b4a";
    private static final String IMAGE = REPOSITORY + ":v1.4.2@" + DIGEST;
    private static final String TASK_DEFINITION = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:";
    private static final String WEB_7 = TASK_DEFINITION + "7";
    private static final String WEB_8 = TASK_DEFINITION + "8";
    private static final Duration WITHIN = Duration.ofSeconds(90);

    private static LocalBerth berth;
    private static LambdaClient lambda;
    private static EcsServicesAdapter ecs;
    private static DeploymentHistory history;
    private static ServiceLeases leases;
    /** A revision of family {@code web} running {@code shop/web:v1.4.1}, healthy in the sandbox. */
    private static String healthyRevision;

    private static Map<String, String> prefixes() {
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put("ecr-push-", "EcrPushFunction");
        prefixes.put("acquire-service", "AcquireServiceFunction");
        prefixes.put("prepare-revisions", "PrepareRevisionFunction");
        prefixes.put("start-", "StartStepFunction");
        prefixes.put("look-at-step", "ObserveStepFunction");
        prefixes.put("conclude-", "ConcludeDeploymentFunction");
        prefixes.put("sweep-", "SweepDeploymentsFunction");
        return prefixes;
    }

    private static Path events() {
        return TestPaths.projectRoot().resolve("events");
    }

    static List<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(events())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    private static Optional<String> functionFor(String file) {
        return FUNCTION_BY_PREFIX.entrySet().stream().filter(e -> file.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    @BeforeAll
    static void makeTheWorldTheSamplesDescribe() {
        berth = SharedLocalBerth.get();
        lambda = berth.clients().configure(LambdaClient.builder(), "LAMBDA").build();
        ecs = new EcsServicesAdapter(berth.clients().ecs());
        history = berth.history();
        leases = new DynamoDbServiceLeases(berth.clients().dynamoDb(), berth.sandbox().tableName("LeasesTable"));
        // Cluster "shop" belongs to this test alone; made once per sandbox.
        if (serviceExists()) {
            healthyRevision = registerHealthyCopy(ecs.describeService(CLUSTER, SERVICE).taskDefinitionArn());
        } else {
            healthyRevision = berth.world().create(CLUSTER, SERVICE, REPOSITORY, "v1.4.1", 2, WITHIN).initialTaskDefinitionArn();
        }
        // Family "web" is shared with every other test whose service is called web: web:7 and web:8 are ours when
        // the family is younger than that, and someone else's (still of family web, with a container "web") otherwise.
        while (berth.clients().ecs().describeTaskDefinition(r -> r.taskDefinition(SERVICE)).taskDefinition().revision() < 8) {
            registerHealthyCopy(healthyRevision);
        }
        assertThat(berth.clients().ecs().describeTaskDefinition(r -> r.taskDefinition(WEB_8)).taskDefinition().taskDefinitionArn())
                .as("moto's task definition ARNs are family:revision under task-definition/").isEqualTo(WEB_8);
        berth.targets().put(new Target(REPOSITORY, TagPolicy.parse("semver", ">=1.0.0 <2.0.0"), CLUSTER, SERVICE, List.of("web"),
                new Strategy.Rolling(Duration.ofSeconds(60), Duration.ofSeconds(1))));
        history.create(record(DeploymentStatus.PENDING));
    }

    @AfterAll
    static void closeClient() {
        lambda.close();
    }

    private static boolean serviceExists() {
        try {
            return berth.clients().ecs().describeServices(r -> r.cluster(CLUSTER).services(SERVICE)).services().stream()
                    .anyMatch(s -> "ACTIVE".equals(s.status()));
        } catch (ClusterNotFoundException e) {
            return false;
        }
    }

    /** A new revision of family web, as {@code from} but running {@code shop/web:v1.4.1} in its web container. */
    private static String registerHealthyCopy(String from) {
        TaskDefinitionDocument document = ecs.describeTaskDefinition(from);
        Map<String, Object> copy = TaskDefinitionCopy.derive(document.definition(), List.of("web"),
                ImageReference.parse(REPOSITORY + ":v1.4.1"));
        return ecs.registerTaskDefinition(copy, document.tags());
    }

    /** The deployment record the step samples name, in the status the step expects to find it in. */
    private static Deployment record(DeploymentStatus status) {
        Instant started = Instant.parse("2026-11-02T21:04:57Z");
        Deployment pending = Deployment.pending(DEPLOYMENT_ID, CLUSTER, SERVICE,
                new Trigger("ecr", "13cde686-328b-6117-af20-0e5566167482", "ecr:123456789012"), IMAGE, Optional.of(DIGEST),
                "rolling", started, "ecr push of " + IMAGE, Optional.empty());
        return status == DeploymentStatus.PENDING ? pending : pending.start(WEB_7, WEB_8, WEB_7, started, "web:8 from web:7");
    }

    /**
     * No deployment holds or has held the service: the samples' deployment and the sample push are
     * made-up deployments of one service, taking turns in whatever order the samples run.
     */
    private static void leaseIsFresh() {
        berth.clients().dynamoDb().deleteItem(r -> r.tableName(berth.sandbox().tableName("LeasesTable"))
                .key(Map.of("serviceKey", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(CLUSTER + "/" + SERVICE))));
    }

    /** The sample deployment owns the service, as the state machine's first step leaves it. */
    private static void leaseIsOurs() {
        leaseIsFresh();
        leases.acquire(CLUSTER + "/" + SERVICE, new Claim(DEPLOYMENT_ID, "2026-11-02T21:04:56.000000000Z"),
                ConcurrencyPolicy.SUPERSEDE, Instant.now(), Duration.ofMinutes(10));
    }

    /** Puts the record back in {@code status}, whatever an earlier sample (or run) did to it. */
    private static void recordIs(DeploymentStatus status) {
        history.update(DEPLOYMENT_ID, any -> record(status));
    }

    private static Deployment recorded() {
        return history.find(DEPLOYMENT_ID).orElseThrow();
    }

    private static Service service() {
        return berth.clients().ecs().describeServices(r -> r.cluster(CLUSTER).services(SERVICE)).services().getFirst();
    }

    /** Points the service at {@code revision} and waits (bounded) until that rollout has completed. */
    private static void serviceSteadyOn(String revision) {
        ecs.updateService(CLUSTER, SERVICE, revision);
        berth.world().awaitSteady(CLUSTER, SERVICE, WITHIN);
    }

    private static boolean healthyInTheSandbox(String revision) {
        return berth.clients().ecs().describeTaskDefinition(r -> r.taskDefinition(revision)).taskDefinition()
                .containerDefinitions().stream()
                .allMatch(c -> berth.scenario().behaviourOf(c.image()) instanceof ImageBehaviour.Healthy);
    }

    private static String webImageOf(String revision) {
        return berth.clients().ecs().describeTaskDefinition(r -> r.taskDefinition(revision)).taskDefinition()
                .containerDefinitions().stream().filter(c -> c.name().equals("web")).map(ContainerDefinition::image)
                .findFirst().orElseThrow();
    }

    /** Invokes the sample's function with the file's bytes, as they are, and returns its answer; a function error fails. */
    private static JsonNode invoke(String file) throws IOException {
        String function = functionFor(file).orElseThrow(() -> new AssertionError(file + " maps to no function"));
        byte[] bytes = Files.readAllBytes(events().resolve(file));
        InvokeResponse response = lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromByteArray(bytes)));
        String answer = response.payload().asString(StandardCharsets.UTF_8);
        assertThat(response.functionError()).as("%s with %s answered %s", function, file, answer).isNull();
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(answer);
    }

    @Test
    void everySampleMapsToAFunctionOfTheTemplate() throws IOException {
        List<String> functions = SamTemplate.load(TestPaths.projectRoot().resolve("template.yaml")).functions().stream()
                .map(SamFunction::logicalId).toList();

        assertThat(samples()).isNotEmpty().allSatisfy(file ->
                assertThat(functionFor(file)).as("the function of %s (by its name's prefix)", file)
                        .hasValueSatisfying(f -> assertThat(functions).contains(f)));
    }

    @Test
    void everySampleIsListedInTheEventsReadmeWithItsFunction() throws IOException {
        Map<String, String> listed = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\|\\s*`([^`]+\\.json)`\\s*\\|\\s*`([^`]+)`\\s*\\|")
                .matcher(Files.readString(events().resolve("README.md")));
        while (row.find()) {
            listed.put(row.group(1), row.group(2));
        }

        assertThat(samples()).allSatisfy(file -> assertThat(listed).as("events/README.md's table")
                .containsEntry(file, functionFor(file).orElse("(no function)")));
        assertThat(listed.keySet()).as("rows of events/README.md with a file").containsExactlyInAnyOrderElementsOf(samples());
    }

    @Test
    void everyFunctionIsAStreamHandlerSoItReceivesTheSamplesBytesAsTheyAre() throws ClassNotFoundException {
        for (SamFunction function : SamTemplate.load(TestPaths.projectRoot().resolve("template.yaml")).functions()) {
            assertThat(RequestStreamHandler.class.isAssignableFrom(Class.forName(function.handlerClass())))
                    .as("%s (%s) is a RequestStreamHandler: the Lambda runtime hands it the raw payload, nothing deserialised",
                            function.logicalId(), function.handlerClass())
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleSucceedsWithItsFunction(String file) throws Exception {
        switch (file) {
            case "ecr-push-success.json" -> aSuccessfulPushDeploysTheServiceThatFollowsIt(file);
            case "ecr-push-failure.json" -> assertIgnored(invoke(file), "push of", "did not succeed (result FAILURE)");
            case "ecr-push-delete.json" -> assertIgnored(invoke(file), "ECR DELETE action", "only pushes deploy");
            case "ecr-push-by-digest.json" -> assertIgnored(invoke(file), "no tag", "nothing follows an untagged image");
            case "acquire-service.json" -> acquiringTakesTheFreeService(file);
            case "prepare-revisions.json" -> preparingRegistersTheNewRevisionFromTheServingOne(file);
            case "start-step.json" -> startingTheFirstStepPointsTheServiceAtTheNewRevision(file);
            case "start-rollback.json" -> startingTheRollbackPointsTheServiceBackAndSaysWhy(file);
            case "look-at-step.json" -> lookingGivesTheRolloutsVerdict(file);
            case "conclude-succeeded.json" -> concludingRecordsTheOutcome(file, "SUCCEEDED", "2/2 running; tg web-tg: 2 healthy");
            case "conclude-failed.json" -> concludingRecordsTheOutcome(file, "FAILED",
                    "RegisterTaskDefinition web failed: ClientException: Container.image should not be blank.");
            case "sweep-deployments.json" -> sweepingAnswersWithWhatItDid(file);
            default -> {
                // A new sample: it must at least succeed (invoke fails on a function error) and answer JSON.
                recordIs(DeploymentStatus.IN_PROGRESS);
                assertThat(invoke(file).isObject()).isTrue();
            }
        }
    }

    private static void assertIgnored(JsonNode answer, String... reasonParts) {
        assertThat(answer.path("status").asText()).isEqualTo("ignored");
        assertThat(answer.path("reason").asText()).contains(reasonParts);
        assertThat(answer.path("deployments")).isEmpty();
    }

    private void aSuccessfulPushDeploysTheServiceThatFollowsIt(String file) throws Exception {
        serviceSteadyOn(healthyRevision);
        // The step samples' deployment may hold the service; a real one would have released it by now.
        leaseIsFresh();
        String id = DeploymentIds.of("13cde686-328b-6117-af20-0e5566167482", CLUSTER, SERVICE);
        boolean seenBefore = history.find(id).isPresent();

        JsonNode answer = invoke(file);

        assertThat(answer.path("status").asText()).isEqualTo("deploying");
        List<JsonNode> ours = new ArrayList<>();
        for (JsonNode d : answer.path("deployments")) {
            if (d.path("cluster").asText().equals(CLUSTER) && d.path("service").asText().equals(SERVICE)) {
                ours.add(d);
            }
        }
        assertThat(ours).singleElement().satisfies(d -> {
            assertThat(d.path("deploymentId").asText()).isEqualTo(id);
            assertThat(d.path("outcome").asText()).isEqualTo(seenBefore ? "duplicate" : "started");
        });
        Deployment done = berth.watcher().awaitFinal(id, WITHIN, entry -> {});
        assertThat(done.status()).as(done.reason().orElse("")).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.image()).isEqualTo(IMAGE);
        assertThat(webImageOf(service().taskDefinition())).isEqualTo(REPOSITORY + "@" + DIGEST);
        assertThat(berth.clients().sfn().listExecutionsPaginator(r -> r.stateMachineArn(
                        berth.sandbox().stateMachineArn("DeploymentStateMachine"))).executions().stream()
                .filter(e -> e.name().equals(id))).hasSize(1);
    }

    private void acquiringTakesTheFreeService(String file) throws Exception {
        recordIs(DeploymentStatus.PENDING);
        leaseIsFresh();

        JsonNode answer = invoke(file);

        assertThat(answer.path("next").asText()).isEqualTo("PREPARE");
        assertThat(leases.find(CLUSTER + "/" + SERVICE)).hasValueSatisfying(lease ->
                assertThat(lease.isOwnedBy(DEPLOYMENT_ID, Instant.now())).isTrue());
    }

    private void preparingRegistersTheNewRevisionFromTheServingOne(String file) throws Exception {
        serviceSteadyOn(healthyRevision);
        recordIs(DeploymentStatus.PENDING);
        leaseIsOurs();

        JsonNode answer = invoke(file);

        String previous = answer.path("previous").asText();
        String next = answer.path("next").asText();
        assertThat(previous).isEqualTo(healthyRevision);
        assertThat(answer.path("rollback").asText()).as("the serving revision names its image by tag: pinned for a rollback")
                .isNotEqualTo(previous).startsWith(TASK_DEFINITION);
        assertThat(next).startsWith(TASK_DEFINITION);
        assertThat(Integer.parseInt(next.substring(TASK_DEFINITION.length()))).isGreaterThan(8);
        assertThat(webImageOf(next)).isEqualTo(REPOSITORY + "@" + DIGEST);
        assertThat(webImageOf(previous)).isEqualTo(REPOSITORY + ":v1.4.1");
        Deployment record = recorded();
        assertThat(record.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(record.previousTaskDefinitionArn()).contains(previous);
        assertThat(record.newTaskDefinitionArn()).contains(next);
        assertThat(record.timeline().getLast().step()).isEqualTo("Prepared revisions");
    }

    private void startingTheFirstStepPointsTheServiceAtTheNewRevision(String file) throws Exception {
        recordIs(DeploymentStatus.IN_PROGRESS);
        leaseIsOurs();

        JsonNode answer = invoke(file);

        assertThat(answer.path("next").asText()).isEqualTo("OBSERVE");
        assertThat(answer.path("index").asInt()).isZero();
        assertThat(answer.path("waitSeconds").asLong()).isEqualTo(15);
        assertThat(Instant.parse(answer.path("startedAt").asText())).isAfter(Instant.now().minus(WITHIN));
        assertThat(service().taskDefinition()).isEqualTo(WEB_8);
        assertThat(recorded().timeline().getLast()).satisfies(e -> {
            assertThat(e.step()).isEqualTo("Roll the service out to the new revision");
            assertThat(e.detail()).isEqualTo("shop/web set to web:8");
        });
    }

    private void startingTheRollbackPointsTheServiceBackAndSaysWhy(String file) throws Exception {
        recordIs(DeploymentStatus.IN_PROGRESS);
        leaseIsOurs();
        ecs.updateService(CLUSTER, SERVICE, WEB_8); // what the deployment had set

        JsonNode answer = invoke(file);

        String why = "2 of 2 targets unhealthy in web-tg: Target.FailedHealthChecks";
        assertThat(answer.path("phase").asText()).isEqualTo("ROLLBACK");
        assertThat(answer.path("next").asText()).isEqualTo("OBSERVE");
        assertThat(answer.path("reason").asText()).isEqualTo(why);
        assertThat(service().taskDefinition()).isEqualTo(WEB_7);
        Deployment record = recorded();
        assertThat(record.status()).isEqualTo(DeploymentStatus.ROLLING_BACK);
        assertThat(record.reason()).contains(why);
        assertThat(record.timeline().getLast().step()).isEqualTo("Roll the service back to the previous revision");
    }

    private void lookingGivesTheRolloutsVerdict(String file) throws Exception {
        recordIs(DeploymentStatus.IN_PROGRESS);
        leaseIsOurs();
        boolean healthy = healthyInTheSandbox(WEB_8);
        if (healthy) {
            serviceSteadyOn(WEB_8);
        } else {
            ecs.updateService(CLUSTER, SERVICE, WEB_8); // someone else's web:8, with an image made to fail
        }

        JsonNode answer = invoke(file);

        String next = answer.path("next").asText();
        String summary = answer.path("summary").asText();
        // The sample's rollout started on 2026-11-02 with a 10 minute deadline: healthy now, or never.
        if (healthy) {
            assertThat(next).as(summary).isEqualTo("CONCLUDE");
            assertThat(answer.path("outcome").asText()).isEqualTo("SUCCEEDED");
            assertThat(summary).startsWith("2/2 running; tg shop-web: 2 healthy");
        } else {
            assertThat(next).as(summary).isEqualTo("ROLL_BACK");
        }
        assertThat(recorded().timeline().getLast()).satisfies(e -> {
            assertThat(e.step()).isEqualTo("Rollout health");
            assertThat(e.detail()).endsWith(summary);
        });
    }

    private void concludingRecordsTheOutcome(String file, String status, String reason) throws Exception {
        recordIs(DeploymentStatus.IN_PROGRESS);
        leaseIsOurs();

        JsonNode answer = invoke(file);

        assertThat(answer.path("status").asText()).isEqualTo(status);
        assertThat(answer.path("reason").asText()).isEqualTo(reason);
        Deployment record = recorded();
        assertThat(record.status().name()).isEqualTo(status);
        assertThat(record.reason()).contains(reason);
        assertThat(record.finishedAt()).isPresent();
        assertThat(record.timeline().getLast().step()).isEqualTo(status);
        assertThat(leases.find(CLUSTER + "/" + SERVICE)).hasValueSatisfying(lease ->
                assertThat(lease.isOwnedBy(DEPLOYMENT_ID, Instant.now())).as("the service is released").isFalse());
    }

    private void sweepingAnswersWithWhatItDid(String file) throws Exception {
        JsonNode answer = invoke(file);

        assertThat(answer.path("swept").isInt()).isTrue();
        assertThat(answer.path("deployments").isArray()).isTrue();
        assertThat(answer.path("deployments").size()).isEqualTo(answer.path("swept").asInt());
    }
}
