package dev.berth.sandbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestClassifierTest {

    private static final byte[] NO_BODY = new byte[0];

    @Test
    void theSigV4CredentialScopeNamesTheService() {
        var headers = Map.of("authorization", List.of("AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/elasticloadbalancing/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc"));
        assertThat(RequestClassifier.service(headers, "/", "")).isEqualTo("elasticloadbalancing");
    }

    @Test
    void aPresignedQueryNamesTheServiceToo() {
        assertThat(RequestClassifier.service(Map.of(), "/", "X-Amz-Credential=AKID%2F20250101%2Fus-east-1%2Fsts%2Faws4_request&Action=GetCallerIdentity"))
                .isEqualTo("sts");
    }

    @Test
    void unsignedJsonCallsAreKnownByTheirTargetPrefix() {
        assertThat(service("DynamoDB_20120810.ListTables")).isEqualTo("dynamodb");
        assertThat(service("AmazonEC2ContainerServiceV20141113.ListClusters")).isEqualTo("ecs");
        assertThat(service("AWSStepFunctions.StartExecution")).isEqualTo("states");
        assertThat(service("AWSEvents.PutEvents")).isEqualTo("events");
        assertThat(service("Nobody_2020.Nothing")).isEmpty();
    }

    @Test
    void lambdaIsKnownByItsPath() {
        assertThat(RequestClassifier.service(Map.of(), "/2015-03-31/functions/Fn/invocations", "")).isEqualTo("lambda");
        assertThat(RequestClassifier.action(Map.of(), "/2015-03-31/functions/Fn/invocations", "", NO_BODY)).contains("Invoke");
    }

    @Test
    void theActionComesFromTheTargetTheFormOrTheQuery() {
        assertThat(RequestClassifier.action(Map.of("x-amz-target", List.of("AWSStepFunctions.StartExecution")), "/", "", NO_BODY))
                .contains("StartExecution");
        var form = Map.of("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        assertThat(RequestClassifier.action(form, "/", "", "Version=2015-12-01&Action=DescribeTargetHealth".getBytes(StandardCharsets.UTF_8)))
                .contains("DescribeTargetHealth");
        assertThat(RequestClassifier.action(Map.of(), "/", "Action=GetCallerIdentity&Version=2011-06-15", NO_BODY))
                .contains("GetCallerIdentity");
        assertThat(RequestClassifier.action(Map.of(), "/2015-03-31/functions", "", NO_BODY)).isEmpty();
    }

    private static String service(String target) {
        return RequestClassifier.service(Map.of("x-amz-target", List.of(target)), "/", "");
    }
}
