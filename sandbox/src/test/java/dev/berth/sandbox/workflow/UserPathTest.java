package dev.berth.sandbox.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.sandbox.SharedLocalBerth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Berth as a user meets it in the sandbox: only the AWS SDK (configured as any user would configure it,
 * with the sandbox's endpoint and credentials) and plain HTTP for the sandbox's image behaviours; no Berth
 * class on the path. A world made through the APIs, a target put in the targets table, then pushes.
 */
class UserPathTest {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static URI endpoint;
    private static HttpClient http;
    private static EcrClient ecr;
    private static DynamoDbClient dynamoDb;
    private static EcsClient ecs;

    @BeforeAll
    static void aSandbox() {
        endpoint = SharedLocalBerth.get().sandbox().endpoint(); // where it runs: nothing else of Berth's is used
        http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        ecr = client(EcrClient.builder());
        dynamoDb = client(DynamoDbClient.builder());
        ecs = client(EcsClient.builder());
    }

    @AfterAll
    static void close() {
        http.close();
    }

    private static <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("berthsandbox", "berthsandbox")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A Fargate service of two tasks behind its own load balancer, and a target following its repository. */
    private record World(String cluster, String repository) {}

    private static World world(long deadlineSeconds) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        String repository = "user/" + name;
        Ec2Client ec2 = client(Ec2Client.builder());
        ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client.builder());
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnetA = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String subnetB = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
        String group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName(name).description("tasks")).groupId();
        String lb = elb.createLoadBalancer(r -> r.name(name).subnets(subnetA, subnetB)).loadBalancers().getFirst().loadBalancerArn();
        String tg = elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(8080).vpcId(vpc).targetType("ip"))
                .targetGroups().getFirst().targetGroupArn();
        elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(80)
                .defaultActions(a -> a.type("forward").targetGroupArn(tg)));
        ecr.createRepository(r -> r.repositoryName(repository));
        push(repository, "1.0.0");
        String repositoryUri = ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/" + repository;
        ecs.createCluster(r -> r.clusterName(name));
        String taskDefinition = ecs.registerTaskDefinition(r -> r.family(name).networkMode("awsvpc").requiresCompatibilitiesWithStrings("FARGATE")
                .cpu("256").memory("512").containerDefinitions(c -> c.name("web").image(repositoryUri + ":1.0.0").essential(true)
                        .portMappings(p -> p.containerPort(8080)))).taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster(name).serviceName("web").taskDefinition(taskDefinition).desiredCount(2).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnetA, subnetB).securityGroups(group)))
                .loadBalancers(l -> l.targetGroupArn(tg).containerName("web").containerPort(8080)));
        dynamoDb.putItem(r -> r.tableName("TargetsTable").item(Map.of(
                "repository", s(repositoryUri), "targetKey", s(name + "/web"), "cluster", s(name), "service", s("web"),
                "containers", AttributeValue.fromL(List.of(s("web"))), "tagPolicyKind", s("semver"), "tagPolicy", s(">=1.0.0"),
                "concurrencyPolicy", s("supersede"),
                "strategy", AttributeValue.fromM(Map.of("name", s("rolling"), "healthDeadlineSeconds", n(deadlineSeconds),
                        "pollIntervalSeconds", n(1), "failureThreshold", n(2))))));
        return new World(name, repository);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** ECR PutImage with a manifest of its own (so a digest of its own); returns the digest. */
    private static String push(String repository, String tag) {
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",\
                "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1470,"digest":"sha256:%s"},\
                "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":3370628,"digest":"sha256:%s"}]}"""
                .formatted(sha256("config " + repository + tag), sha256("layer " + repository + tag));
        return ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest)).image().imageId().imageDigest();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void behaviour(String image, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint.resolve("/_berth/images/" + image))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** The service's deployments, newest first, as a user reads them: the history index of the deployments table. */
    private static List<Map<String, AttributeValue>> history(World world) {
        return dynamoDb.query(r -> r.tableName("DeploymentsTable").indexName("byService")
                .keyConditionExpression("serviceKey = :s").expressionAttributeValues(Map.of(":s", s(world.cluster() + "/web")))
                .scanIndexForward(false)).items();
    }

    /** The record of the deployment of {@code digest}, once final. */
    private static Map<String, AttributeValue> finalRecord(World world, String digest) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        while (Instant.now().isBefore(deadline)) {
            Optional<Map<String, AttributeValue>> record = history(world).stream()
                    .filter(item -> item.containsKey("digest") && item.get("digest").s().equals(digest)).findFirst();
            if (record.isPresent() && record.get().containsKey("finishedAt")) {
                return record.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no final record for " + digest + " within " + WITHIN + ": " + history(world));
    }

    private static String taskDefinitionOf(World world) {
        return ecs.describeServices(r -> r.cluster(world.cluster()).services("web")).services().getFirst().taskDefinition();
    }

    @Test
    void aHealthyPushSucceedsAndAnUnhealthyOneRollsBack() throws Exception {
        World world = world(60);
        behaviour(world.repository() + ":1.2.0", "{\"behaviour\": \"unhealthy\"}");

        Map<String, AttributeValue> good = finalRecord(world, push(world.repository(), "1.1.0"));
        String goodRevision = taskDefinitionOf(world);
        Map<String, AttributeValue> bad = finalRecord(world, push(world.repository(), "1.2.0"));

        assertThat(good.get("status").s()).as(good.get("reason").toString()).isEqualTo("SUCCEEDED");
        assertThat(goodRevision).isEqualTo(good.get("newTaskDefinitionArn").s());
        assertThat(bad.get("status").s()).as(bad.get("reason").toString()).isEqualTo("ROLLED_BACK");
        assertThat(taskDefinitionOf(world)).isEqualTo(bad.get("rollbackTaskDefinitionArn").s());
        assertThat(bad.get("previousTaskDefinitionArn").s()).isEqualTo(goodRevision);
    }

    @Test
    void aSlowImagePastTheDeadlineRollsBack() throws Exception {
        World world = world(30);
        behaviour(world.repository() + ":1.1.0", "{\"behaviour\": \"slow\", \"startDelaySeconds\": 7200}");

        Map<String, AttributeValue> slow = finalRecord(world, push(world.repository(), "1.1.0"));

        assertThat(slow.get("status").s()).isEqualTo("ROLLED_BACK");
        assertThat(slow.get("reason").s()).contains("not healthy within 30s");
    }

    @Test
    void aDeletedImageAndAnEventNoRuleMatchesStartNothing() throws Exception {
        World world = world(60);
        String digest = push(world.repository(), "1.1.0");
        Map<String, AttributeValue> deployed = finalRecord(world, digest);
        int before = history(world).size();
        long invocationsBefore = pushFunctionInvocations();

        ecr.batchDeleteImage(r -> r.repositoryName(world.repository()).imageIds(id -> id.imageTag("1.1.0")));
        try (EventBridgeClient events = client(EventBridgeClient.builder())) {
            events.putEvents(r -> r.entries(e -> e.source("my.app").detailType("ECR Image Action")
                    .detail("{\"action-type\":\"PUSH\",\"result\":\"SUCCESS\",\"repository-name\":\"" + world.repository()
                            + "\",\"image-tag\":\"1.3.0\",\"image-digest\":\"sha256:" + "c".repeat(64) + "\"}")));
        }
        Thread.sleep(3000); // deliveries are asynchronous: give them time to do what they would

        assertThat(deployed.get("status").s()).isEqualTo("SUCCEEDED");
        assertThat(history(world)).hasSize(before);
        // The delete reached the function (which ignored it); the event no rule matches did not.
        assertThat(pushFunctionInvocations() - invocationsBefore).isEqualTo(1);
    }

    private static long pushFunctionInvocations() throws Exception {
        JsonNode info = JSON.readTree(http.send(HttpRequest.newBuilder(endpoint.resolve("/_berth/info")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return info.path("invocations").path("EcrPushFunction").asLong();
    }
}
