package dev.berth.ports;

import java.time.Instant;
import java.util.Optional;

/** Starts deployment workflows and tells how they ended. */
public interface Executions {

    /** What happened to a start request. */
    sealed interface StartResult {
        record Started(String executionArn) implements StartResult {}
        /** An execution with this name exists: the trigger was delivered before. */
        record AlreadyStarted(String name) implements StartResult {}
    }

    /**
     * An execution as Step Functions reports it.
     *
     * @param status RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED
     */
    record ExecutionStatus(String name, String status, Optional<Instant> stoppedAt, Optional<String> error,
                           Optional<String> cause) {
        public boolean isRunning() {
            return status.equals("RUNNING");
        }
    }

    /** Starts one execution named {@code name}; names are unique, which makes repeated starts harmless. */
    StartResult start(String name, String inputJson);

    /** Answers a task waiting on {@code taskToken} (a manual gate): it goes on with {@code outputJson}. */
    void sendTaskSuccess(String taskToken, String outputJson);

    /** Fails a task waiting on {@code taskToken} with {@code error}; the state machine's Catch takes {@code cause} as the reason. */
    void sendTaskFailure(String taskToken, String error, String cause);

    /** The execution named {@code name}; empty when none was started. */
    Optional<ExecutionStatus> describe(String name);
}
