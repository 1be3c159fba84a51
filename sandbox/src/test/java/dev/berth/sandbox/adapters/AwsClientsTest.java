package dev.berth.sandbox.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.adapters.EcsServicesAdapter;
import dev.berth.aws.AwsClients;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.ports.TransientAwsException;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/** {@link AwsClients}: where clients send their calls, in which region, with which credentials, and how a dead endpoint fails. */
class AwsClientsTest {

    /** Nothing listens on port 1: connections are refused at once. */
    private static final String DEAD = "http://127.0.0.1:1";
    private static LocalBerth berth;

    @BeforeAll
    static void startSandbox() {
        berth = SharedLocalBerth.get();
    }

    private static AwsClients clients(String... keysAndValues) {
        Map<String, String> variables = new HashMap<>(Map.of(
                "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "berthsandbox", "AWS_SECRET_ACCESS_KEY", "berthsandbox"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                variables.remove(keysAndValues[i]);
            } else {
                variables.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return new AwsClients(new FunctionEnvironment(variables));
    }

    private static String sandbox() {
        return berth.sandbox().endpoint().toString();
    }

    @Test
    void theServiceSpecificEndpointVariableWinsOverTheGeneralOne() {
        AwsClients clients = clients("AWS_ENDPOINT_URL_ECS", "http://ecs.example:4566", "AWS_ENDPOINT_URL", "http://all.example:4599");

        assertThat(clients.endpointFor("ECS")).contains(URI.create("http://ecs.example:4566"));
        assertThat(clients.endpointFor("ecs")).contains(URI.create("http://ecs.example:4566"));
        assertThat(clients.endpointFor("DYNAMODB")).contains(URI.create("http://all.example:4599"));
        assertThat(clients.endpointFor("ELASTIC_LOAD_BALANCING_V2")).contains(URI.create("http://all.example:4599"));
    }

    @Test
    void withoutEndpointVariablesThereIsNoOverride() {
        assertThat(clients().endpointFor("ECS")).isEmpty();
        assertThat(clients("AWS_ENDPOINT_URL", "  ", "AWS_ENDPOINT_URL_ECS", "").endpointFor("ECS")).as("blank means unset").isEmpty();
        assertThat(clients("AWS_ENDPOINT_URL_SFN", "http://sfn.example:1").endpointFor("ECS")).isEmpty();
    }

    @Test
    void theRegionIsAwsRegionThenAwsDefaultRegionThenUsEast1() {
        assertThat(clients("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "ap-south-1").region()).isEqualTo(Region.EU_WEST_1);
        assertThat(clients("AWS_REGION", null, "AWS_DEFAULT_REGION", "ap-south-1").region()).isEqualTo(Region.AP_SOUTH_1);
        assertThat(clients("AWS_REGION", null).region()).isEqualTo(Region.US_EAST_1);
        assertThat(clients("AWS_REGION", "eu-central-1").ecs().serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
    }

    @Test
    void aClientWithTheGeneralEndpointReachesTheSandbox() {
        String cluster = "clients-" + UUID.randomUUID().toString().substring(0, 8);
        berth.clients().ecs().createCluster(r -> r.clusterName(cluster));

        AwsClients clients = clients("AWS_ENDPOINT_URL", sandbox());

        assertThat(clients.ecs().listClusters().clusterArns()).anySatisfy(arn -> assertThat(arn).endsWith(":cluster/" + cluster));
        assertThat(clients.dynamoDb().listTables().tableNames()).contains(berth.sandbox().tableName("DeploymentsTable"));
    }

    @Test
    void theServiceSpecificEndpointIsUsedEvenWhenTheGeneralOneIsDead() {
        String cluster = "clients-" + UUID.randomUUID().toString().substring(0, 8);
        berth.clients().ecs().createCluster(r -> r.clusterName(cluster));

        AwsClients clients = clients("AWS_ENDPOINT_URL_ECS", sandbox(), "AWS_ENDPOINT_URL", DEAD);

        assertThat(clients.ecs().listClusters().clusterArns()).anySatisfy(arn -> assertThat(arn).endsWith(":cluster/" + cluster));
        // ...and the general one really is used by every other service.
        assertThatThrownBy(() -> clients.dynamoDb().listTables()).isInstanceOf(SdkClientException.class);
    }

    @Test
    void credentialsComeFromTheFunctionsEnvironment() {
        // DynamoDB Local refuses access key ids that are not letters and digits only.
        AwsClients refused = clients("AWS_ENDPOINT_URL", sandbox(), "AWS_ACCESS_KEY_ID", "not-letters-and-digits!");

        assertThatThrownBy(() -> refused.dynamoDb().listTables()).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.awsErrorDetails().errorMessage()).contains("Access Key ID"));
        assertThat(clients("AWS_ENDPOINT_URL", sandbox(), "AWS_SESSION_TOKEN", "berthsandbox").dynamoDb().listTables()
                .tableNames()).isNotEmpty();
    }

    @Test
    void underSnapStartKeysReadAtInitAreNotUsedButTheDefaultChainIs() {
        // The environment is read before the snapshot: keys in it would be the same, and stale, in every
        // restored sandbox. SnapStart functions get container credentials, which the default chain fetches.
        var snapStart = clients("AWS_ENDPOINT_URL", sandbox(), "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start").dynamoDb();
        var onDemand = clients("AWS_ENDPOINT_URL", sandbox(), "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand").dynamoDb();

        assertThat(snapStart.serviceClientConfiguration().credentialsProvider())
                .isInstanceOf(software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.class);
        assertThat(onDemand.serviceClientConfiguration().credentialsProvider())
                .isInstanceOf(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.class);
    }

    @Test
    void aDeadEndpointSurfacesThroughAnAdapterAsTransientAfterTheSdksRetries() {
        EcsServicesAdapter adapter = new EcsServicesAdapter(clients("AWS_ENDPOINT_URL", DEAD).ecs());

        long started = System.nanoTime();
        assertThatThrownBy(() -> adapter.describeService("shop", "web"))
                .isInstanceOf(TransientAwsException.class)
                .hasMessageStartingWith("DescribeServices shop/web failed:")
                .cause().isInstanceOfSatisfying(SdkClientException.class,
                        e -> assertThat(e.numAttempts()).as("attempts, the first included").isEqualTo(5));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // Four backoffs of at most 0.1, 0.2, 0.4 and 0.8 s (full jitter), connections refused at once.
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }
}
