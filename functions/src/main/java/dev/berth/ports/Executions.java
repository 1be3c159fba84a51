package dev.berth.ports;

/** Starts deployment workflows. */
public interface Executions {

    /** What happened to a start request. */
    sealed interface StartResult {
        record Started(String executionArn) implements StartResult {}
        /** An execution with this name exists: the trigger was delivered before. */
        record AlreadyStarted(String name) implements StartResult {}
    }

    /** Starts one execution named {@code name}; names are unique, which makes repeated starts harmless. */
    StartResult start(String name, String inputJson);
}
