package dev.berth.workflow;

/**
 * Where the state machine goes after a step of the engine: the engine decides, the state machine's
 * Choice states only route on it.
 */
public enum Next {
    /** The service is ours: prepare the revisions. */
    PREPARE,
    /** Another deployment owns the service: wait {@code waitSeconds}, then ask again. */
    WAIT_FOR_SERVICE,
    /** Wait {@code waitSeconds}, then look at the step. */
    OBSERVE,
    /** The step is done: start the next one. */
    NEXT_STEP,
    /** A manual gate: hold on a task token until promote (the next step), abort or the gate's timeout (roll back). */
    AWAIT_GATE,
    /** The deployment failed after changing the service: start undoing it. */
    ROLL_BACK,
    /** Nothing more to do: record {@code outcome} with {@code reason}. */
    CONCLUDE
}
