package dev.berth.engine;

import dev.berth.ports.Alarms;
import dev.berth.ports.DeploymentEvents;
import dev.berth.ports.DeploymentHistory;
import dev.berth.ports.EcsServices;
import dev.berth.ports.Executions;
import dev.berth.ports.ImageRegistry;
import dev.berth.ports.ServiceLeases;
import dev.berth.ports.TargetCatalog;
import dev.berth.ports.TargetHealth;
import dev.berth.ports.TrafficRouting;
import java.time.Clock;

/**
 * Everything the engine's steps need from the outside world. Handlers get one of these: the AWS one
 * in Lambda ({@code dev.berth.handlers.Ports}), in-memory fakes in tests (as Powertools tests its
 * idempotency core against an in-memory store).
 */
public interface EnginePorts {

    EcsServices ecs();

    TargetHealth targetHealth();

    ImageRegistry registry();

    /** Blue/green: the listener's or rule's weighted forward. */
    TrafficRouting routing();

    /** Blue/green: the CloudWatch alarms a deployment watches. */
    Alarms alarms();

    DeploymentHistory history();

    ServiceLeases leases();

    TargetCatalog targets();

    Executions executions();

    DeploymentEvents events();

    Clock clock();
}
