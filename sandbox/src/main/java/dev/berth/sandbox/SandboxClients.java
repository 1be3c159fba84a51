package dev.berth.sandbox;

import dev.berth.aws.AwsClients;
import dev.berth.aws.FunctionEnvironment;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;

/**
 * AWS SDK clients for a sandbox endpoint (the gateway, or moto or DynamoDB Local directly), built
 * by Berth's own {@link AwsClients} from the environment a function would get there.
 */
public final class SandboxClients {

    /**
     * The sandbox's dummy credentials: moto accepts any; DynamoDB Local (since 2.0) rejects access key
     * ids that are not letters and digits only, with "The Access Key ID or security token is invalid".
     */
    public static final String ACCESS_KEY_ID = "berthsandbox";
    public static final String SECRET_ACCESS_KEY = "berthsandbox";
    public static final String SESSION_TOKEN = "berthsandbox";

    /**
     * The service part of {@code AWS_ENDPOINT_URL_<SERVICE>} for clients {@link AwsClients} has no
     * getter for: the sandbox environment sets only {@code AWS_ENDPOINT_URL}, which every service uses.
     */
    private static final String ANY_SERVICE = "ANY";

    private SandboxClients() {}

    /** {@code AWS_ENDPOINT_URL}, {@code AWS_REGION} and the dummy credentials, in that order. */
    public static Map<String, String> environment(URI endpoint, String region) {
        var variables = new LinkedHashMap<String, String>();
        variables.put("AWS_ENDPOINT_URL", endpoint.toString());
        variables.put("AWS_REGION", region);
        variables.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        variables.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        return Collections.unmodifiableMap(variables);
    }

    /** Berth's clients pointed at {@code endpoint}. */
    public static AwsClients at(URI endpoint, String region) {
        return new AwsClients(new FunctionEnvironment(environment(endpoint, region)));
    }

    /** Any other SDK client pointed at {@code endpoint}, e.g. {@code client(LambdaClient.builder(), ...)}. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint, String region) {
        return at(endpoint, region).configure(builder, ANY_SERVICE).build();
    }
}
