package dev.berth.engine;

import dev.berth.ports.DeploymentEvents;
import dev.berth.ports.DeploymentHistory;
import dev.berth.ports.EcsServices;
import dev.berth.ports.Executions;
import dev.berth.ports.ImageRegistry;
import dev.berth.ports.ServiceLeases;
import dev.berth.ports.TargetCatalog;
import dev.berth.ports.TargetHealth;
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

    DeploymentHistory history();

    ServiceLeases leases();

    TargetCatalog targets();

    Executions executions();

    DeploymentEvents events();

    Clock clock();
}
