package dev.berth.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;
import org.junit.jupiter.api.Test;

class FailureReasonsTest {

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void aLambdaErrorCausesItsMessage() throws Exception {
        JsonNode state = json("""
                {"error": {"Error": "dev.berth.ports.AwsCallException",
                           "Cause": "{\\"errorMessage\\":\\"DescribeServices demo/web failed: ClusterNotFoundException: Cluster not found.\\",\\"errorType\\":\\"x\\"}"}}""");
        assertThat(FailureReasons.caughtError(state)).contains("DescribeServices demo/web failed: ClusterNotFoundException: Cluster not found.");
        assertThat(FailureReasons.whyRollBack(state)).isEqualTo("DescribeServices demo/web failed: ClusterNotFoundException: Cluster not found.");
        assertThat(FailureReasons.whyFailed(state)).contains("DescribeServices demo/web failed: ClusterNotFoundException: Cluster not found.");
    }

    @Test
    void aPlainCauseOrOnlyAnErrorNameIsUsedAsIs() throws Exception {
        assertThat(FailureReasons.caughtError(json("{\"error\": {\"Error\": \"States.Timeout\", \"Cause\": \"Task timed out\"}}"))).contains("Task timed out");
        assertThat(FailureReasons.caughtError(json("{\"error\": {\"Error\": \"States.Timeout\"}}"))).contains("States.Timeout");
        assertThat(FailureReasons.caughtError(json("{\"error\": {}}"))).contains("a step failed without saying why");
        assertThat(FailureReasons.caughtError(json("{\"error\": {\"Error\": \"E\", \"Cause\": \"{not json\"}}"))).contains("{not json");
    }

    @Test
    void anUnhealthyVerdictIsWhyARollbackHappens() throws Exception {
        JsonNode state = json("{\"check\": {\"verdict\": \"UNHEALTHY\", \"summary\": \"2 of 2 targets unhealthy\"}}");
        assertThat(FailureReasons.whyRollBack(state)).isEqualTo("2 of 2 targets unhealthy");
        assertThat(FailureReasons.whyRollBack(json("{\"check\": {\"verdict\": \"IN_PROGRESS\"}}"))).isEqualTo("rollback requested");
    }

    @Test
    void aRollbackThatNeverBecameHealthyIsWhyADeploymentFails() throws Exception {
        assertThat(FailureReasons.whyFailed(json("{\"rollbackCheck\": {\"verdict\": \"UNHEALTHY\", \"summary\": \"not healthy within 1m\"}}")))
                .contains("rollback did not become healthy: not healthy within 1m");
        assertThat(FailureReasons.whyFailed(json("{\"rollbackCheck\": {\"verdict\": \"HEALTHY\"}}"))).isEmpty();
        assertThat(FailureReasons.whyFailed(json("{}"))).isEmpty();
    }
}
