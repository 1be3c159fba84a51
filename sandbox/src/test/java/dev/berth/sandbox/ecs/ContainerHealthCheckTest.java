package dev.berth.sandbox.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A container definition's {@code healthCheck} as ECS reads it: defaults, limits, and what is refused. */
class ContainerHealthCheckTest {

    @Test
    void absentSettingsTakeEcsDefaults() throws Exception {
        ContainerHealthCheck check = ContainerHealthCheck.of(json("{\"command\": [\"CMD-SHELL\", \"exit 0\"]}"));

        assertThat(check).isEqualTo(new ContainerHealthCheck(Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ZERO));
    }

    @Test
    void theLimitsThemselvesAreAccepted() throws Exception {
        assertThat(ContainerHealthCheck.of(json("{\"interval\": 5, \"timeout\": 120, \"retries\": 10, \"startPeriod\": 300}")))
                .isEqualTo(new ContainerHealthCheck(Duration.ofSeconds(5), Duration.ofSeconds(120), 10, Duration.ofSeconds(300)));
        assertThat(ContainerHealthCheck.of(json("{\"interval\": 300, \"timeout\": 2, \"retries\": 1, \"startPeriod\": 0}")))
                .isEqualTo(new ContainerHealthCheck(Duration.ofSeconds(300), Duration.ofSeconds(2), 1, Duration.ZERO));
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                Arguments.of("{\"interval\": 4}", "healthCheck interval must be between 5 and 300 seconds, got 4"),
                Arguments.of("{\"interval\": 301}", "healthCheck interval must be between 5 and 300 seconds, got 301"),
                Arguments.of("{\"timeout\": 1}", "healthCheck timeout must be between 2 and 120 seconds, got 1"),
                Arguments.of("{\"timeout\": 121}", "healthCheck timeout must be between 2 and 120 seconds, got 121"),
                Arguments.of("{\"retries\": 0}", "healthCheck retries must be between 1 and 10, got 0"),
                Arguments.of("{\"retries\": 11}", "healthCheck retries must be between 1 and 10, got 11"),
                Arguments.of("{\"startPeriod\": -1}", "healthCheck startPeriod must be between 0 and 300 seconds, got -1"),
                Arguments.of("{\"startPeriod\": 301}", "healthCheck startPeriod must be between 0 and 300 seconds, got 301"),
                Arguments.of("{\"interval\": 7.5}", "healthCheck interval must be a whole number, got 7.5"),
                Arguments.of("{\"retries\": \"3\"}", "healthCheck retries must be a whole number, got \"3\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void outOfRangeSettingsAreRefusedNamingTheField(String healthCheck, String message) throws Exception {
        assertThatThrownBy(() -> ContainerHealthCheck.of(json(healthCheck)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void aContainerHasACheckOnlyWhenItGivesTheCommand() throws Exception {
        assertThat(TaskDefinitionLookup.healthCheck(json("{\"name\": \"web\"}"))).isEmpty();
        assertThat(TaskDefinitionLookup.healthCheck(json("{\"healthCheck\": {\"interval\": 10}}"))).isEmpty();
        assertThat(TaskDefinitionLookup.healthCheck(json(
                "{\"healthCheck\": {\"command\": [\"CMD\", \"/health\"], \"interval\": 10, \"startPeriod\": 60}}")))
                .hasValueSatisfying(check -> {
                    assertThat(check.interval()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(check.startPeriod()).isEqualTo(Duration.ofSeconds(60));
                    assertThat(check.retries()).isEqualTo(3);
                });
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }
}
