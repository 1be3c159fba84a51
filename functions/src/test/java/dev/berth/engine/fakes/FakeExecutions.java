package dev.berth.engine.fakes;

import dev.berth.ports.Executions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Executions} in a map: names are unique, as Step Functions makes them; a start only records the input. */
public final class FakeExecutions implements Executions {

    static final String ARN_PREFIX = "arn:aws:states:us-east-1:123456789012:execution:berth-deployment:";

    /** One execution: its input, and how it stands. */
    public record Execution(String name, String input, ExecutionStatus status) {}

    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private int starts;

    @Override
    public StartResult start(String name, String inputJson) {
        starts++;
        if (executions.containsKey(name)) {
            return new StartResult.AlreadyStarted(name);
        }
        executions.put(name, new Execution(name, inputJson,
                new ExecutionStatus(name, "RUNNING", Optional.empty(), Optional.empty(), Optional.empty())));
        return new StartResult.Started(ARN_PREFIX + name);
    }

    @Override
    public Optional<ExecutionStatus> describe(String name) {
        return Optional.ofNullable(executions.get(name)).map(Execution::status);
    }

    /** An answer to a waiting task: success with its output, or failure with its error and cause. */
    public record Answer(boolean success, String output, String error, String cause) {}

    private final Map<String, Answer> answers = new LinkedHashMap<>();

    @Override
    public void sendTaskSuccess(String taskToken, String outputJson) {
        answer(taskToken, new Answer(true, outputJson, "", ""));
    }

    @Override
    public void sendTaskFailure(String taskToken, String error, String cause) {
        answer(taskToken, new Answer(false, "", error, cause));
    }

    /** A token answers once, as Step Functions' task tokens do (after that, TaskTimedOut). */
    private void answer(String taskToken, Answer answer) {
        if (answers.containsKey(taskToken) || expired.contains(taskToken)) {
            throw new dev.berth.ports.AwsCallException("SendTask: TaskTimedOut: Task Timed Out: '" + taskToken + "'", null);
        }
        answers.put(taskToken, answer);
    }

    private final java.util.Set<String> expired = new java.util.HashSet<>();

    /** The state machine gave up on the token (its task timed out): answering it fails from now on. */
    public void expire(String taskToken) {
        expired.add(taskToken);
    }

    public Optional<Answer> answerFor(String taskToken) {
        return Optional.ofNullable(answers.get(taskToken));
    }

    public List<Answer> answers() {
        return List.copyOf(answers.values());
    }

    /** The execution ended this way (SUCCEEDED, FAILED, TIMED_OUT or ABORTED). */
    public void end(String name, String status, Instant at, Optional<String> error, Optional<String> cause) {
        Execution execution = executions.get(name);
        if (execution == null) {
            throw new IllegalStateException("no execution " + name);
        }
        executions.put(name, new Execution(name, execution.input(), new ExecutionStatus(name, status, Optional.of(at), error, cause)));
    }

    /** As if the execution had never been started (a trigger that stopped between its two writes). */
    public void forget(String name) {
        executions.remove(name);
    }

    public Optional<String> input(String name) {
        return Optional.ofNullable(executions.get(name)).map(Execution::input);
    }

    /** How many StartExecution calls were made, duplicates included. */
    public int starts() {
        return starts;
    }

    public int count() {
        return executions.size();
    }
}
