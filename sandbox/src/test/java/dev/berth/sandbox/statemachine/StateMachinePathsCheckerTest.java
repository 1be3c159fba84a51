package dev.berth.sandbox.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.json.Json;
import dev.berth.sandbox.statemachine.StateMachinePaths.TaskTypes;
import dev.berth.workflow.CaughtError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link StateMachinePaths} on small definitions over records of its own: a sound one passes, and each
 * kind of mistake it exists for is reported with the state, the key or path, and what is wrong.
 */
class StateMachinePathsCheckerTest {

    enum Mode { FAST, CAREFUL }

    /** The execution input. */
    record Order(String id, Optional<String> note, Mode mode, Progress progress, CaughtError error) {}

    /** What the step function returns. */
    record Progress(Mode next, long waitSeconds, String detail, Optional<String> hint) {}

    record StepRequest(String id, Mode mode, Progress progress, long attempt) {}

    record FinishRequest(String id, Progress progress, CaughtError error) {}

    record Finished(String status) {}

    private static final Map<String, TaskTypes> TASKS = Map.of(
            "arn:step", new TaskTypes("StepFunction", StepRequest.class, Progress.class),
            "arn:finish", new TaskTypes("FinishFunction", FinishRequest.class, Finished.class));

    /** A loop with a Catch, a Choice on an enum, a Wait, a ResultSelector: every path sound. */
    private static final String SOUND = """
            {
              "StartAt": "Step",
              "States": {
                "Step": {
                  "Type": "Task", "Resource": "arn:step",
                  "Parameters": {"id.$": "$.id", "mode.$": "$.mode", "progress.$": "$.progress", "attempt.$": "$$.State.RetryCount"},
                  "ResultPath": "$.progress",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Finish"}],
                  "Next": "Route"
                },
                "Route": {
                  "Type": "Choice",
                  "Choices": [{"Variable": "$.progress.next", "StringEquals": "FAST", "Next": "Pause"}],
                  "Default": "Finish"
                },
                "Pause": {"Type": "Wait", "SecondsPath": "$.progress.waitSeconds", "Next": "Step"},
                "Finish": {
                  "Type": "Task", "Resource": "arn:finish",
                  "Parameters": {"id.$": "$.id", "progress.$": "$.progress", "error.$": "$.error"},
                  "ResultSelector": {"status.$": "$.status"},
                  "ResultPath": "$.finished",
                  "Next": "Done?"
                },
                "Done?": {
                  "Type": "Choice",
                  "Choices": [{"Variable": "$.finished.status", "StringEquals": "ok", "Next": "Done"}],
                  "Default": "Done"
                },
                "Done": {"Type": "Succeed"}
              }
            }
            """;

    private static List<String> problems(String definition) throws Exception {
        return StateMachinePaths.problems(Json.mapper().readTree(definition), Order.class, TASKS);
    }

    /** The sound definition with each {@code from} replaced by its {@code to}; each must be there to replace. */
    private static List<String> problemsOfSoundWith(String... fromTo) throws Exception {
        String definition = SOUND;
        for (int i = 0; i < fromTo.length; i += 2) {
            assertThat(definition).as("the text to replace").contains(fromTo[i]);
            definition = definition.replace(fromTo[i], fromTo[i + 1]);
        }
        return problems(definition);
    }

    @Test
    void aSoundDefinitionHasNoProblems() throws Exception {
        assertThat(problems(SOUND)).isEmpty();
    }

    @Test
    void aRenamedParametersKeyIsAnUnknownComponentAndAMissingOne() throws Exception {
        assertThat(problemsOfSoundWith("\"mode.$\": \"$.mode\"", "\"mood.$\": \"$.mode\"")).containsExactlyInAnyOrder(
                "state 'Step': Parameters → StepRequest.mode is not supplied (a component that is not Optional: say what it is)",
                "state 'Step': Parameters → StepRequest: 'mood' is not a component of StepRequest (it reads [id, mode, progress, attempt]);"
                        + " Berth's mapper would silently ignore it");
    }

    @Test
    void aPathIntoAnOptionalIsNotGuaranteed() throws Exception {
        assertThat(problemsOfSoundWith("\"id.$\": \"$.id\", \"mode.$\"", "\"id.$\": \"$.note\", \"mode.$\"")).containsExactly(
                "state 'Step': Parameters 'id.$': $.note is not guaranteed: $.note may be missing"
                        + " (Order.note is Optional<String>, left out of the JSON when empty)");
    }

    @Test
    void aFieldSetOnlyOnOneBranchIsNotGuaranteedWhereTheBranchesMeet() throws Exception {
        List<String> problems = problemsOfSoundWith(
                "\"ResultPath\": \"$.progress\"", "\"ResultPath\": \"$.result\"",
                "$.progress.next", "$.result.next",
                "$.progress.waitSeconds", "$.result.waitSeconds",
                "\"id.$\": \"$.id\", \"progress.$\": \"$.progress\"", "\"id.$\": \"$.id\", \"progress.$\": \"$.result\"");

        assertThat(problems).containsExactly("state 'Finish': Parameters 'progress.$': $.result is not guaranteed:"
                + " $.result may be missing (it is not set when coming from 'Step' (Catch))");
    }

    @Test
    void aFieldOnlySetInsideALoopIsNotGuaranteedAtItsHead() throws Exception {
        List<String> problems = problemsOfSoundWith(
                "\"ResultPath\": \"$.progress\"", "\"ResultPath\": \"$.result\"",
                "$.progress.next", "$.result.next",
                "$.progress.waitSeconds", "$.result.waitSeconds",
                "\"mode.$\": \"$.mode\", \"progress.$\": \"$.progress\"", "\"mode.$\": \"$.mode\", \"progress.$\": \"$.result\"");

        assertThat(problems).containsExactly("state 'Step': Parameters 'progress.$': $.result is not guaranteed:"
                + " $.result may be missing (it is not set when coming from the execution input)");
    }

    @Test
    void aChoiceValueThatIsNotANameOfTheVariablesEnumIsReported() throws Exception {
        assertThat(problemsOfSoundWith("\"StringEquals\": \"FAST\"", "\"StringEquals\": \"QUICK\"")).containsExactly(
                "state 'Route': Choices[0] $.progress.next StringEquals: 'QUICK' is not a Mode name [FAST, CAREFUL]");
    }

    @Test
    void literalsMustBeWhatTheComponentReads() throws Exception {
        assertThat(problemsOfSoundWith("\"mode.$\": \"$.mode\"", "\"mode\": \"SLOW\"",
                "\"attempt.$\": \"$$.State.RetryCount\"", "\"attempt\": \"three\"")).containsExactly(
                "state 'Step': Parameters → StepRequest.mode: 'SLOW' is not a Mode name [FAST, CAREFUL]",
                "state 'Step': Parameters → StepRequest.attempt: the literal \"three\" where a whole number is wanted");
    }

    @Test
    void anObjectOfAnotherShapeDoesNotFillARecordComponent() throws Exception {
        assertThat(problemsOfSoundWith("\"progress.$\": \"$.progress\", \"error.$\"", "\"progress.$\": \"$.error\", \"error.$\""))
                .containsExactly(
                        "state 'Finish': Parameters → FinishRequest.progress.next is not supplied: CaughtError or a caught error has no 'next'"
                                + " (a component that is not Optional: say what it is)",
                        "state 'Finish': Parameters → FinishRequest.progress.waitSeconds is not supplied: CaughtError or a caught error has no 'waitSeconds'"
                                + " (a component that is not Optional: say what it is)",
                        "state 'Finish': Parameters → FinishRequest.progress.detail is not supplied: CaughtError or a caught error has no 'detail'"
                                + " (a component that is not Optional: say what it is)");
    }

    @Test
    void resultSelectorPathsAreAgainstTheTaskResult() throws Exception {
        assertThat(problemsOfSoundWith("{\"status.$\": \"$.status\"}", "{\"status.$\": \"$.state\"}")).containsExactly(
                "state 'Finish': ResultSelector 'status.$': $.state does not exist: $ (Finished) has no 'state'; it has [status]");
    }

    @Test
    void aWaitsSecondsPathMustLeadToAWholeNumber() throws Exception {
        assertThat(problemsOfSoundWith("$.progress.waitSeconds", "$.progress.detail")).containsExactly(
                "state 'Pause': SecondsPath $.progress.detail: a string where a whole number is wanted");
    }

    @Test
    void contextPathsMustBeFieldsOfTheContextObject() throws Exception {
        assertThat(problemsOfSoundWith("$$.State.RetryCount", "$$.State.Retries")).containsExactly(
                "state 'Step': Parameters 'attempt.$': $$.State.Retries does not exist: $$.State has no 'Retries';"
                        + " it has [EnteredTime, Name, RetryCount]");
    }

    @Test
    void aResourceWithoutKnownRecordsIsReported() throws Exception {
        assertThat(problemsOfSoundWith("\"arn:finish\"", "\"arn:finnish\"")).first().asString()
                .startsWith("state 'Finish': Resource 'arn:finnish' is no function whose request and result records are known");
    }

    @Test
    void aResultPathThroughAStringFailsAsStepFunctionsWould() throws Exception {
        assertThat(problemsOfSoundWith("\"ResultPath\": \"$.finished\"", "\"ResultPath\": \"$.id.finished\"")).contains(
                "state 'Finish': ResultPath $.id.finished: $.id is a string, not an object:"
                        + " Step Functions would fail with States.ResultPathMatchFailure");
    }

    @Test
    void whatTheCheckerDoesNotModelIsReportedRatherThanPassed() throws Exception {
        assertThat(problemsOfSoundWith("{\"Type\": \"Wait\", \"SecondsPath\"", "{\"Type\": \"Parallel\", \"SecondsPath\"",
                "\"mode.$\": \"$.mode\"", "\"mode.$\": \"$.modes[0]\""))
                .contains("state 'Pause': a Parallel state is not modelled by StateMachinePaths: teach it before the definition uses one",
                        "state 'Step': Parameters 'mode.$': $.modes[0] is not a path StateMachinePaths models ($, .name, ['name'])");
    }

    @Test
    void aResultPathNothingReadsIsReportedEvenWhenTheFieldItMeantStillResolves() throws Exception {
        assertThat(problemsOfSoundWith("\"ResultPath\": \"$.error\"", "\"ResultPath\": \"$.errors\"")).containsExactly(
                "state 'Step': Catch #1 ResultPath $.errors: no state reads $.errors, so what it stores is never used"
                        + " (a misspelt ResultPath goes unnoticed while the field it meant keeps its old value)");
    }

    @Test
    void aStateNoPathReachesIsReported() throws Exception {
        assertThat(problemsOfSoundWith("\"Default\": \"Done\"", "\"Default\": \"Done\" }, \"Orphan\": {\"Type\": \"Succeed\""))
                .containsExactly("state 'Orphan' is never reached from StartAt, so its paths cannot be checked");
    }
}
