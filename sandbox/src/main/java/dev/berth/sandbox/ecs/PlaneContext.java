package dev.berth.sandbox.ecs;

import java.util.function.Consumer;

/** What every simulated service shares: ids, timings, the scenario, and where deployment events go. */
record PlaneContext(IdSource ids, DataPlaneTimings timings, Scenario scenario,
                    Consumer<EcsDeploymentEvent> deploymentEvents) {}
