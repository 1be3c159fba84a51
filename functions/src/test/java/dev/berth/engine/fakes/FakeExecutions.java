package dev.berth.engine.fakes;

import dev.berth.ports.Executions;
import java.time.Instant;
import java.util.LinkedHashMap;
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
