package dev.berth.sandbox.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The promises of statemachine/deployment.asl.json that hold for every path, checked on the
 * definition itself: every task retries transient errors, every task is caught, no path reaches an
 * end state without passing the state that records the outcome (and when even that fails, the end
 * says the sweeper finalises the record), waiting is done by Wait states, and the execution is bounded.
 */
class DeploymentStateMachineShapeTest {

    private static final String RECORDING = "${ConcludeDeploymentFunctionArn}";
    private static JsonNode definition;
    private static JsonNode states;

    @BeforeAll
    static void read() throws Exception {
        Path root = Path.of(System.getProperty("berth.projectRoot", "."));
        definition = Json.mapper().readTree(root.resolve("statemachine/deployment.asl.json").toFile());
        states = definition.path("States");
    }

    private static List<Map.Entry<String, JsonNode>> tasks() {
        List<Map.Entry<String, JsonNode>> tasks = new ArrayList<>();
        states.properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals("Task")) {
                tasks.add(e);
            }
        });
        return tasks;
    }

    private static boolean records(JsonNode state) {
        return state.path("Resource").asText().equals(RECORDING);
    }

    @Test
    void everyTaskRetriesWithBackoffAndJitter() {
        assertThat(tasks()).isNotEmpty().allSatisfy(task -> {
            JsonNode retry = task.getValue().path("Retry");
            assertThat(retry.isArray() && !retry.isEmpty()).as(task.getKey() + " has Retry").isTrue();
            retry.forEach(r -> {
                assertThat(r.path("BackoffRate").asDouble()).as(task.getKey()).isGreaterThan(1);
                assertThat(r.path("JitterStrategy").asText()).as(task.getKey()).isEqualTo("FULL");
            });
        });
    }

    @Test
    void everyTaskCatchesEverythingAndEveryCatchButTheRecordingOnesLeadsToARecordedOutcome() {
        for (var task : tasks()) {
            JsonNode catches = task.getValue().path("Catch");
            assertThat(catches.isArray() && !catches.isEmpty()).as(task.getKey() + " has Catch").isTrue();
            assertThat(catches.get(catches.size() - 1).path("ErrorEquals").toString()).as(task.getKey()).contains("States.ALL");
            if (records(task.getValue())) {
                continue;
            }
            catches.forEach(c -> assertThat(reachesRecordBeforeEnd(c.path("Next").asText(), new HashSet<>()))
                    .as(task.getKey() + " catch leads to a recorded outcome").isTrue());
        }
    }

    @Test
    void whenEvenRecordingFailsTheExecutionEndsWithTheEngineStateForTheSweeper() {
        List<JsonNode> recordingCatches = tasks().stream().filter(t -> records(t.getValue()))
                .flatMap(t -> java.util.stream.StreamSupport.stream(t.getValue().path("Catch").spliterator(), false)).toList();
        assertThat(recordingCatches).isNotEmpty().allSatisfy(c -> {
            JsonNode end = states.path(c.path("Next").asText());
            assertThat(end.path("Type").asText()).isEqualTo("Fail");
            // The sweeper reads the decided outcome from the cause: it must carry the engine state, not a fixed text.
            assertThat(end.path("Error").asText()).isEqualTo("Berth.NotRecorded");
            assertThat(end.path("CausePath").asText()).isEqualTo("States.JsonToString($.step)");
            assertThat(end.path("Comment").asText()).contains("sweeper");
        });
    }

    @Test
    void everyPathFromTheStartRecordsAnOutcomeBeforeItEnds() {
        assertThat(reachesRecordBeforeEnd(definition.path("StartAt").asText(), new HashSet<>())).isTrue();
    }

    @Test
    void waitingIsDoneByWaitStatesForAsLongAsTheEngineSays() {
        List<String> waits = new ArrayList<>();
        states.properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals("Wait")) {
                waits.add(e.getKey());
                assertThat(e.getValue().path("SecondsPath").asText()).isEqualTo("$.step.waitSeconds");
            }
        });
        assertThat(waits).containsExactlyInAnyOrder("Wait for the service to be free", "Wait before looking at the step");
    }

    @Test
    void anExecutionIsBoundedAndItsStatesReadAsSentences() {
        assertThat(definition.path("TimeoutSeconds").asInt()).isBetween(3600, 86400);
        states.properties().forEach(e -> assertThat(e.getKey()).as("state name")
                .matches("[A-Z][a-z]+( [a-z]+)+\\??"));
    }

    /** True when every path from {@code name} passes a recording state before a Succeed or Fail state. */
    private static boolean reachesRecordBeforeEnd(String name, Set<String> visiting) {
        JsonNode state = states.path(name);
        assertThat(state.isMissingNode()).as("state '" + name + "' exists").isFalse();
        if (records(state)) {
            return true;
        }
        String type = state.path("Type").asText();
        if (type.equals("Succeed") || type.equals("Fail")) {
            return false;
        }
        if (!visiting.add(name)) {
            return true; // a loop (wait and check again) adds no new way out
        }
        List<String> next = new ArrayList<>();
        if (state.has("Next")) {
            next.add(state.path("Next").asText());
        }
        state.path("Choices").forEach(c -> next.add(c.path("Next").asText()));
        if (state.has("Default")) {
            next.add(state.path("Default").asText());
        }
        state.path("Catch").forEach(c -> next.add(c.path("Next").asText()));
        boolean all = next.stream().allMatch(n -> reachesRecordBeforeEnd(n, visiting));
        visiting.remove(name);
        return all;
    }
}
