package dev.berth.aws;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The one place Berth builds AWS SDK clients: the JDK's URLConnection HTTP client (no Netty, no
 * Apache: cold start and size), region and credentials from the function's environment, standard
 * retries with jittered backoff for throttling and 5xx (every call its five attempts), and the endpoint from
 * {@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL} when set (the sandbox,
 * {@code sam local invoke}, any emulator), and the application id from {@code AWS_SDK_UA_APP_ID}.
 * Clients are created on first use only.
 */
public final class AwsClients {

    /** Attempts per call, first one included; the SDK backs off with full jitter between them. */
    private static final int MAX_ATTEMPTS = 5;

    private final FunctionEnvironment environment;
    private final Supplier<SdkHttpClient> http = Lazy.of(() -> UrlConnectionHttpClient.builder().build());
    private final Lazy<EcsClient> ecs;
    private final Lazy<ElasticLoadBalancingV2Client> elb;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<SfnClient> sfn;
    private final Lazy<EventBridgeClient> eventBridge;
    private final Lazy<CloudWatchClient> cloudWatch;
    private final java.util.Map<String, EcrClient> ecrByRegion = new java.util.concurrent.ConcurrentHashMap<>();

    public AwsClients(FunctionEnvironment environment) {
        this.environment = environment;
        this.ecs = Lazy.of(() -> configure(EcsClient.builder(), "ECS").build());
        this.elb = Lazy.of(() -> configure(ElasticLoadBalancingV2Client.builder(), "ELASTIC_LOAD_BALANCING_V2").build());
        this.dynamoDb = Lazy.of(() -> configure(DynamoDbClient.builder(), "DYNAMODB").build());
        this.sfn = Lazy.of(() -> configure(SfnClient.builder(), "SFN").build());
        this.eventBridge = Lazy.of(() -> configure(EventBridgeClient.builder(), "EVENTBRIDGE").build());
        this.cloudWatch = Lazy.of(() -> configure(CloudWatchClient.builder(), "CLOUDWATCH").build());
    }

    public EcsClient ecs() { return ecs.get(); }

    public ElasticLoadBalancingV2Client elb() { return elb.get(); }

    public DynamoDbClient dynamoDb() { return dynamoDb.get(); }

    public SfnClient sfn() { return sfn.get(); }

    public EventBridgeClient eventBridge() { return eventBridge.get(); }

    public CloudWatchClient cloudWatch() { return cloudWatch.get(); }

    /** ECR in {@code region}: a pushed image's registry may be in another region than the function. */
    public EcrClient ecr(String region) {
        return ecrByRegion.computeIfAbsent(region, r -> configure(EcrClient.builder(), "ECR").region(Region.of(r)).build());
    }

    public Region region() {
        return environment.get("AWS_REGION").or(() -> environment.get("AWS_DEFAULT_REGION"))
                .map(Region::of).orElse(Region.US_EAST_1);
    }

    /** The endpoint for a service, by the SDKs' shared rule: the service-specific variable wins. */
    public Optional<URI> endpointFor(String serviceEnvId) {
        return environment.get("AWS_ENDPOINT_URL_" + serviceEnvId.toUpperCase(Locale.ROOT))
                .or(() -> environment.get("AWS_ENDPOINT_URL"))
                .map(URI::create);
    }

    /**
     * Applies Berth's client settings to any SDK client builder; {@code serviceEnvId} is the
     * service's part of {@code AWS_ENDPOINT_URL_<SERVICE>} (e.g. {@code ECS}, {@code EC2}).
     */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String serviceEnvId) {
        builder.region(region())
                .credentialsProvider(credentials())
                .overrideConfiguration(o -> {
                    // No retry circuit breaker: its quota (500 tokens, 5 a retry) is per client, and a warm function's
                    // client outlives many invocations; once drained by a burst of throttling it let calls fail on their
                    // first attempt, failing deployments (the scale bench at 200 services). Every call keeps its
                    // MAX_ATTEMPTS with jittered backoff; the state machine's Retry is the slower, outer backoff.
                    o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS)
                            .circuitBreakerEnabled(false).build());
                    // The SDKs' standard application id (sent as app/<id> in the User-Agent), read from the
                    // function's own environment: in the sandbox every function shares one JVM's environment.
                    environment.get("AWS_SDK_UA_APP_ID").ifPresent(o::appId);
                });
        endpointFor(serviceEnvId).ifPresent(builder::endpointOverride);
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http.get());
        }
        return builder;
    }

    /**
     * Priming for a SnapStart snapshot: for each client this instance built, one twin with the same settings but
     * {@link PrimingHttpClient} (answers in the process) and placeholder credentials makes the calls Berth makes
     * most, so the SDK's request path (marshalling, endpoint rules, signing, retries, unmarshalling, and the metadata
     * the first request reads) is loaded and linked before the snapshot. The real clients send nothing and resolve no
     * credentials; the twins are closed. Returns how many requests the twins made.
     */
    public int primeCalls() {
        PrimingHttpClient answers = new PrimingHttpClient();
        if (ecs.isBuilt()) {
            try (EcsClient twin = twin(EcsClient.builder(), "ECS", answers)) {
                primed(() -> twin.describeServices(r -> r.cluster("priming").services("priming")));
                primed(() -> twin.listTasks(r -> r.cluster("priming").serviceName("priming")));
                primed(() -> twin.describeTasks(r -> r.cluster("priming").tasks("priming")));
            }
        }
        if (elb.isBuilt()) {
            try (ElasticLoadBalancingV2Client twin = twin(ElasticLoadBalancingV2Client.builder(), "ELASTIC_LOAD_BALANCING_V2", answers)) {
                primed(() -> twin.describeTargetHealth(r -> r.targetGroupArn(PRIMING_ARN)));
            }
        }
        if (dynamoDb.isBuilt()) {
            try (DynamoDbClient twin = twin(DynamoDbClient.builder(), "DYNAMODB", answers)) {
                var key = java.util.Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("priming"));
                primed(() -> twin.getItem(r -> r.tableName("priming").key(key).consistentRead(true)));
                primed(() -> twin.query(r -> r.tableName("priming").keyConditionExpression("id = :id")
                        .expressionAttributeValues(java.util.Map.of(":id", key.get("id")))));
            }
        }
        if (sfn.isBuilt()) {
            try (SfnClient twin = twin(SfnClient.builder(), "SFN", answers)) {
                primed(() -> twin.describeExecution(r -> r.executionArn(PRIMING_ARN)));
            }
        }
        if (eventBridge.isBuilt()) {
            try (EventBridgeClient twin = twin(EventBridgeClient.builder(), "EVENTBRIDGE", answers)) {
                primed(() -> twin.putEvents(r -> r.entries(e -> e.source("berth.priming").detailType("priming").detail("{}"))));
            }
        }
        if (cloudWatch.isBuilt()) {
            try (CloudWatchClient twin = twin(CloudWatchClient.builder(), "CLOUDWATCH", answers)) {
                primed(() -> twin.describeAlarms(r -> r.alarmNames("priming")));
            }
        }
        return answers.answered();
    }

    private static final String PRIMING_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/priming/0123456789abcdef";

    private <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>, C> C twin(
            B builder, String serviceEnvId, PrimingHttpClient answers) {
        return configure(builder, serviceEnvId).httpClient(answers)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .build();
    }

    /** One priming call: an answer the SDK cannot make sense of is fine, the path it took is loaded all the same. */
    private static void primed(Runnable call) {
        try {
            call.run();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            // The answer is empty on purpose; nothing to do with it.
        }
    }

    private AwsCredentialsProvider credentials() {
        Optional<String> key = environment.get("AWS_ACCESS_KEY_ID");
        Optional<String> secret = environment.get("AWS_SECRET_ACCESS_KEY");
        // Under SnapStart the environment was read at init, before the snapshot: keys in it would be stale in
        // every restored sandbox. Lambda gives SnapStart functions container credentials instead, which the
        // default chain fetches per sandbox after restore and refreshes.
        boolean snapStart = environment.get("AWS_LAMBDA_INITIALIZATION_TYPE").filter("snap-start"::equals).isPresent();
        if (key.isPresent() && secret.isPresent() && !snapStart) {
            // Lambda puts the role's credentials here; reading them directly skips the provider chain.
            return StaticCredentialsProvider.create(environment.get("AWS_SESSION_TOKEN")
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                            token -> AwsSessionCredentials.create(key.get(), secret.get(), token))
                    .orElseGet(() -> AwsBasicCredentials.create(key.get(), secret.get())));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
