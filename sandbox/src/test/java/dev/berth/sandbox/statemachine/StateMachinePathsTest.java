package dev.berth.sandbox.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.handlers.JsonStreamHandler;
import dev.berth.json.Json;
import dev.berth.sandbox.TestPaths;
import dev.berth.sandbox.statemachine.StateMachinePaths.TaskTypes;
import dev.berth.sandbox.template.SamFunction;
import dev.berth.sandbox.template.SamTemplate;
import dev.berth.sandbox.template.StateMachineDefinition;
import dev.berth.workflow.DeploymentRequest;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * statemachine/deployment.asl.json against the engine's records: every path of every state resolves on
 * what is guaranteed there, and every payload is what its function's request record reads (with the
 * functions found the way SAM wires them: {@code Resource} → {@code DefinitionSubstitutions} →
 * {@code Handler} → {@code JsonStreamHandler<I, O>}). A renamed field fails the build, not a deployment.
 */
class StateMachinePathsTest {

    private static StateMachineDefinition machine;
    private static String definitionText;
    private static Map<String, TaskTypes> tasks;

    @BeforeAll
    static void read() {
        SamTemplate template = SamTemplate.load(TestPaths.projectRoot().resolve("template.yaml"));
        machine = template.stateMachine("DeploymentStateMachine").orElseThrow();
        definitionText = machine.definition();
        tasks = taskTypes(template, machine);
    }

    /** Each substituted function ARN with the request and result records of the function's handler. */
    private static Map<String, TaskTypes> taskTypes(SamTemplate template, StateMachineDefinition machine) {
        // Tasks invoke the functions' alias (AutoPublishAlias: the published, SnapStart version), so a task whose
        // substitution is the unqualified !GetAtt Fn.Arn ($LATEST) finds no function here and fails the test below.
        Map<String, SamFunction> byArn = template.functions().stream()
                .collect(Collectors.toMap(f -> String.valueOf(template.resolver().ref(f.logicalId() + ".Alias")), Function.identity()));
        var tasks = new LinkedHashMap<String, TaskTypes>();
        machine.substitutions().forEach((placeholder, arn) -> {
            SamFunction function = byArn.get(arn);
            if (function != null) {
                Type[] types = handlerTypes(function.handlerClass());
                tasks.put(arn, new TaskTypes(function.logicalId(), types[0], types[1]));
            }
        });
        return tasks;
    }

    /** I and O of {@code JsonStreamHandler<I, O>}, from the handler's generic superclass. */
    private static Type[] handlerTypes(String handlerClass) {
        Class<?> at;
        try {
            at = Class.forName(handlerClass, false, StateMachinePathsTest.class.getClassLoader()); // reflected on, not run
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the template names handler " + handlerClass + ", which is not on the classpath", e);
        }
        for (; at != null && at != Object.class; at = at.getSuperclass()) {
            if (at.getGenericSuperclass() instanceof ParameterizedType p && p.getRawType() == JsonStreamHandler.class) {
                Type[] types = p.getActualTypeArguments();
                assertThat(types).as(handlerClass + " binds JsonStreamHandler's I and O to concrete types")
                        .allMatch(t -> t instanceof Class<?> || t instanceof ParameterizedType);
                return types;
            }
        }
        throw new AssertionError(handlerClass + " does not extend JsonStreamHandler<I, O>: its records cannot be checked");
    }

    private static List<String> problems(String definition) throws Exception {
        return StateMachinePaths.problems(Json.mapper().readTree(definition), DeploymentRequest.class, tasks);
    }

    @Test
    void everyPathResolvesOnWhatEveryWayIntoItsStateGuaranteesAndEveryPayloadFitsItsRequestRecord() throws Exception {
        List<String> problems = problems(definitionText);

        assertThat(problems).as("problems of statemachine/deployment.asl.json:\n  " + String.join("\n  ", problems)).isEmpty();
    }

    @Test
    void everyTaskRunsAFunctionOfTheTemplateWhoseHandlerReadsAndWritesRecords() throws Exception {
        JsonNode states = Json.mapper().readTree(definitionText).path("States");
        var resources = new ArrayList<String>();
        states.properties().forEach(s -> {
            if (s.getValue().path("Type").asText().equals("Task")) {
                // A .waitForTaskToken task names its function as FunctionName.
                resources.add(s.getValue().path("Resource").asText().equals(StateMachinePaths.WAIT_FOR_TASK_TOKEN)
                        ? s.getValue().path("Parameters").path("FunctionName").asText() : s.getValue().path("Resource").asText());
            }
        });

        assertThat(resources).isNotEmpty().allSatisfy(r -> assertThat(tasks).as("a function for Resource " + r).containsKey(r));
    }

    /**
     * {@code ConcludeResult.status} is a String (the record's {@code DeploymentStatus} name), so the checker
     * cannot hold "How did it end?" to an enum; this does: it routes on final statuses, and only FAILED is
     * left to its Default.
     */
    @Test
    void theEndIsRoutedOnFinalDeploymentStatusesWithOnlyFailedLeftToTheDefault() throws Exception {
        JsonNode states = Json.mapper().readTree(definitionText).path("States");
        var routed = new TreeSet<String>();
        states.properties().forEach(s -> s.getValue().path("Choices").forEach(choice -> {
            if (choice.path("Variable").asText().equals("$.outcome.status")) {
                routed.add(choice.path("StringEquals").asText());
            }
        }));
        Set<String> finals = Arrays.stream(DeploymentStatus.values()).filter(DeploymentStatus::isFinal).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));

        var unrouted = new TreeSet<>(finals);
        unrouted.removeAll(routed);

        assertThat(routed).as("statuses routed on").isNotEmpty().isSubsetOf(finals);
        assertThat(unrouted).as("final statuses left to the Default").containsExactly("FAILED");
    }

    /** The checker bites on the real definition: each edit is one a refactoring could make, and each is reported. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a renamed Parameters key                | "revisions.$": "$.revisions"                | "revision.$": "$.revisions"     | state 'Start the next step': Parameters → StartStepRequest: 'revision' is not a component of StartStepRequest
            a result stored under another name      | "ResultPath": "$.revisions"                 | "ResultPath": "$.revision"      | state 'Start the next step': Parameters 'revisions.$': $.revisions does not exist
            a Choice value that is no Next          | "StringEquals": "WAIT_FOR_SERVICE"          | "StringEquals": "WAIT_FOR_LEASE" | 'WAIT_FOR_LEASE' is not a Next name
            a Wait on a field StepState lacks       | "SecondsPath": "$.step.waitSeconds"         | "SecondsPath": "$.step.wait"    | state 'Wait for the service to be free': SecondsPath: $.step.wait does not exist
            a context field that does not exist     | "$$.State.RetryCount"                       | "$$.State.Retries"              | state 'Prepare the revisions': Parameters 'retryCount.$': $$.State.Retries does not exist
            a path into an Optional                 | "source.$": "$.source"                      | "source.$": "$.source.image"    | $.source.image may be missing (DeploymentSource.image is Optional<String>, left out of the JSON when empty)
            a string where a boolean is read        | "rollingBack": false                        | "rollingBack": "no"             | Parameters → StartStepRequest.rollingBack: the literal "no" where a boolean is wanted
            a caught error stored under another name | "ResultPath": "$.error"                    | "ResultPath": "$.errors"        | state 'Acquire the service': Catch #1 ResultPath $.errors: no state reads $.errors
            """)
    void aBrokenEditOfTheRealDefinitionIsReported(String edit, String from, String to, String reported) throws Exception {
        assertThat(definitionText).as(edit + ": the text to edit").contains(from);

        List<String> problems = problems(definitionText.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));

        assertThat(problems).as(edit + ": a problem containing \"" + reported + "\"").anyMatch(p -> p.contains(reported));
    }
}
