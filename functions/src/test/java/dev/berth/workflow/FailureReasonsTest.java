package dev.berth.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureReasonsTest {

    @Test
    void aLambdaErrorCausesItsMessage() {
        CaughtError error = new CaughtError("dev.berth.ports.AwsCallException",
                "{\"errorMessage\":\"DescribeServices demo/web failed: ClusterNotFoundException: Cluster not found.\",\"errorType\":\"x\"}");
        assertThat(FailureReasons.of(error)).contains("DescribeServices demo/web failed: ClusterNotFoundException: Cluster not found.");
    }

    @Test
    void aPlainCauseOrOnlyAnErrorNameIsUsedAsIs() {
        assertThat(FailureReasons.of(new CaughtError("States.Timeout", "Task timed out"))).contains("Task timed out");
        assertThat(FailureReasons.of(new CaughtError("States.Timeout", null))).contains("States.Timeout");
        assertThat(FailureReasons.of(new CaughtError("E", "{not json"))).contains("{not json");
        assertThat(FailureReasons.of(new CaughtError("E", "{\"errorType\":\"x\"}"))).contains("{\"errorType\":\"x\"}");
    }

    @Test
    void noErrorHasNoReason() {
        assertThat(FailureReasons.of(CaughtError.none())).isEmpty();
        assertThat(FailureReasons.of(new CaughtError(null, null))).isEmpty();
        assertThat(CaughtError.none().isPresent()).isFalse();
    }
}
