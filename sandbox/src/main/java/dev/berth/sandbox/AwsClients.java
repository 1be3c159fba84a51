package dev.berth.sandbox;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** AWS SDK v2 clients pointed at the sandbox: its endpoint, region and dummy credentials, the JDK's HTTP client. */
public final class AwsClients {

    /**
     * The sandbox's credentials: moto accepts any; DynamoDB Local (since 2.0) rejects access key
     * ids that are not letters and digits only, with "The Access Key ID or security token is invalid".
     */
    public static final String ACCESS_KEY_ID = "berthsandbox";
    public static final String SECRET_ACCESS_KEY = "berthsandbox";
    public static final String SESSION_TOKEN = "berthsandbox";

    private AwsClients() {}

    /** Configures {@code builder} (e.g. {@code EcsClient.builder()}) for the sandbox at {@code endpoint} and builds it. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint, String region) {
        return builder
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
