package dev.berth.sandbox.eventbridge;

import static dev.berth.sandbox.eventbridge.PlainSdk.eventually;
import static dev.berth.sandbox.eventbridge.PlainSdk.invocations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.sandbox.Sandbox;
import dev.berth.sandbox.SharedSandbox;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ECR → EventBridge → EcrPushFunction in the sandbox, driven and observed with the AWS SDK only, as
 * {@code aws ecr put-image} would: ECR's event is read back from an SQS queue a moto rule forwards
 * {@code aws.ecr} events to, and its effect on Berth from the deployments table and {@code /_berth/info}.
 */
@ExtendWith(SharedSandbox.class)
class EcrEventDeliveryTest {

    private static final String ACCOUNT = "123456789012";
    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

    private static URI endpoint;
    private static EcrClient ecr;
    private static SqsClient sqs;
    private static EventBridgeClient events;
    private static DynamoDbClient dynamoDb;
    private static SfnClient sfn;

    @BeforeAll
    static void clients(Sandbox sandbox) {
        endpoint = sandbox.endpoint();
        ecr = PlainSdk.client(EcrClient.builder(), endpoint);
        sqs = PlainSdk.client(SqsClient.builder(), endpoint);
        events = PlainSdk.client(EventBridgeClient.builder(), endpoint);
        dynamoDb = PlainSdk.client(DynamoDbClient.builder(), endpoint);
        sfn = PlainSdk.client(SfnClient.builder(), endpoint);
    }

    @AfterAll
    static void close() {
        List.of(ecr, sqs, events, dynamoDb, sfn).forEach(software.amazon.awssdk.core.SdkClient::close);
    }

    @Test
    void aTaggedPushReachesEcrPushFunctionAsTheEventEcrSends() throws Exception {
        String repository = "eb/web-" + suffix();
        String cluster = "eb-" + suffix();
        String queue = captureEcrEventsOf(repository);
        follow(repository, cluster);
        long before = invocations(endpoint, "EcrPushFunction");
        Instant pushed = Instant.now().minusSeconds(1);

        String digest = ecr.putImage(b -> b.repositoryName(repository).imageTag("1.2.3").imageManifest(manifest(DOCKER_MANIFEST)))
                .image().imageId().imageDigest();

        JsonNode event = received(queue, 1).getFirst();
        assertThat(event.path("source").asText()).isEqualTo("aws.ecr");
        assertThat(event.path("detail-type").asText()).isEqualTo("ECR Image Action");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("id").asText()).hasSizeGreaterThan(30);
        assertThat(Instant.parse(event.path("time").asText())).isBetween(pushed, Instant.now());
        assertThat(event.path("resources").isArray()).isTrue();
        assertThat(event.path("detail")).isEqualTo(PlainSdk.json("""
                {"result": "SUCCESS", "repository-name": "%s", "image-digest": "%s", "action-type": "PUSH",
                 "artifact-media-type": "%s", "image-tag": "1.2.3", "manifest-media-type": "%s"}"""
                .formatted(repository, digest, DOCKER_CONFIG, DOCKER_MANIFEST)));
        // EcrPushFunction got it: it recorded a deployment of that digest for the service that follows the repository.
        assertThat(eventually(() -> deploymentsOf(cluster + "/web").stream()
                .anyMatch(d -> d.get("digest").s().equals(digest)
                        && d.get("image").s().equals(ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/" + repository + ":1.2.3@" + digest))))
                .as("a deployment record of %s for %s/web", digest, cluster).isTrue();
        assertThat(invocations(endpoint, "EcrPushFunction")).isGreaterThan(before);
    }

    @Test
    void aMultiArchPushSendsOneTaggedEventForTheIndexWithItsDigest() throws Exception {
        String repository = "eb/multi-" + suffix();
        String queue = captureEcrEventsOf(repository);
        List<String> platformDigests = new ArrayList<>();
        var index = new StringBuilder();
        for (String arch : List.of("amd64", "arm64")) {
            String manifest = manifest("application/vnd.oci.image.manifest.v1+json");
            String digest = ecr.putImage(b -> b.repositoryName(repository).imageManifest(manifest)).image().imageId().imageDigest();
            platformDigests.add(digest);
            index.append(index.isEmpty() ? "" : ",").append("""
                    {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":%d,"digest":"%s",\
                    "platform":{"architecture":"%s","os":"linux"}}""".formatted(manifest.length(), digest, arch));
        }
        String indexManifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + index + "]}";

        String indexDigest = ecr.putImage(b -> b.repositoryName(repository).imageTag("2.0.0").imageManifest(indexManifest))
                .image().imageId().imageDigest();

        List<JsonNode> received = received(queue, 3);
        assertThat(received).filteredOn(e -> e.path("detail").has("image-tag")).singleElement().satisfies(tagged -> {
            assertThat(tagged.path("detail").path("image-tag").asText()).isEqualTo("2.0.0");
            assertThat(tagged.path("detail").path("image-digest").asText()).isEqualTo(indexDigest);
            assertThat(tagged.path("detail").path("manifest-media-type").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
            assertThat(tagged.path("detail").has("artifact-media-type")).as("an index has no config").isFalse();
        });
        assertThat(received).filteredOn(e -> !e.path("detail").has("image-tag"))
                .extracting(e -> e.path("detail").path("image-digest").asText()).containsExactlyInAnyOrderElementsOf(platformDigests);
    }

    @Test
    void aDeletedImageReachesEcrPushFunctionWhichStartsNothing() throws Exception {
        String repository = "eb/gone-" + suffix();
        String cluster = "eb-" + suffix();
        String queue = captureEcrEventsOf(repository);
        follow(repository, cluster, "exact", "9.9.9"); // follows a tag this test never pushes: the push itself starts nothing
        String digest = ecr.putImage(b -> b.repositoryName(repository).imageTag("1.0.0").imageManifest(manifest(DOCKER_MANIFEST)))
                .image().imageId().imageDigest();
        assertThat(received(queue, 1)).singleElement()
                .satisfies(push -> assertThat(push.path("detail").path("action-type").asText()).isEqualTo("PUSH"));
        long before = invocations(endpoint, "EcrPushFunction");
        int executions = executions();

        ecr.batchDeleteImage(b -> b.repositoryName(repository).imageIds(id -> id.imageTag("1.0.0")));

        assertThat(received(queue, 1)).singleElement().satisfies(delete -> assertThat(delete.path("detail")).isEqualTo(PlainSdk.json("""
                {"result": "SUCCESS", "repository-name": "%s", "image-digest": "%s", "action-type": "DELETE", "image-tag": "1.0.0"}"""
                .formatted(repository, digest))));
        assertThat(eventually(() -> invocations(endpoint, "EcrPushFunction") > before)).as("EcrPushFunction invoked").isTrue();
        Thread.sleep(300); // what the function would have started by now, it would have recorded first
        assertThat(deploymentsOf(cluster + "/web")).isEmpty();
        assertThat(executions()).isEqualTo(executions);
    }

    /** A queue receiving every aws.ecr event about the repository, through a rule in moto's EventBridge. */
    private static String captureEcrEventsOf(String repository) {
        String name = "capture-" + suffix();
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name(name).eventPattern(
                "{\"source\": [\"aws.ecr\"], \"detail\": {\"repository-name\": [\"" + repository + "\"]}}"));
        events.putTargets(b -> b.rule(name).targets(t -> t.id("queue").arn(arn)));
        ecr.createRepository(b -> b.repositoryName(repository));
        return url;
    }

    private static List<JsonNode> received(String queue, int count) throws Exception {
        List<JsonNode> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                received.add(PlainSdk.json(message.body()));
                sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
            }
        }
        assertThat(received).as("events received from " + queue).hasSize(count);
        return received;
    }

    private static void follow(String repository, String cluster) {
        follow(repository, cluster, "semver", ">=1.0.0");
    }

    /** What Berth's README says to put in TargetsTable for a service to follow a repository. */
    private static void follow(String repository, String cluster, String policyKind, String policy) {
        dynamoDb.putItem(b -> b.tableName("TargetsTable").item(Map.of(
                "repository", AttributeValue.fromS(ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/" + repository),
                "targetKey", AttributeValue.fromS(cluster + "/web"),
                "tagPolicyKind", AttributeValue.fromS(policyKind),
                "tagPolicy", AttributeValue.fromS(policy),
                "cluster", AttributeValue.fromS(cluster),
                "service", AttributeValue.fromS("web"),
                "containers", AttributeValue.fromL(List.of(AttributeValue.fromS("web"))),
                "strategy", AttributeValue.fromM(Map.of("name", AttributeValue.fromS("rolling"),
                        "healthDeadlineSeconds", AttributeValue.fromN("60"), "pollIntervalSeconds", AttributeValue.fromN("1"))))));
    }

    private static List<Map<String, AttributeValue>> deploymentsOf(String serviceKey) {
        return dynamoDb.query(b -> b.tableName("DeploymentsTable").indexName("byService")
                .keyConditionExpression("serviceKey = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS(serviceKey))))
                .items();
    }

    private static int executions() {
        String machine = "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:DeploymentStateMachine";
        return sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().size();
    }

    /** An image manifest of the given media type; random layer and config digests make it a new image each time. */
    private static String manifest(String mediaType) {
        String config = mediaType.equals(DOCKER_MANIFEST) ? DOCKER_CONFIG : "application/vnd.oci.image.config.v1+json";
        return """
                {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","size":1470,"digest":"sha256:%s"},\
                "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","size":100,"digest":"sha256:%s"}]}"""
                .formatted(mediaType, config, hex64(), hex64());
    }

    private static String hex64() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
