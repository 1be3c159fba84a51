package dev.berth.sandbox.ecs;

/** Where the data plane reports ECS deployment state changes (EventBridge in the sandbox, a list in tests). */
@FunctionalInterface
public interface EcsEventSink {

    /** Called in the order the events happened, outside the data plane's lock. */
    void publish(EcsDeploymentEvent event);
}
