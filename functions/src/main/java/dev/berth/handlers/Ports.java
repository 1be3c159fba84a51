package dev.berth.handlers;

import dev.berth.adapters.DynamoDbDeploymentHistory;
import dev.berth.adapters.DynamoDbServiceLeases;
import dev.berth.adapters.DynamoDbTargetCatalog;
import dev.berth.adapters.EcrImagePlatforms;
import dev.berth.adapters.EcsServicesAdapter;
import dev.berth.adapters.CloudWatchAlarms;
import dev.berth.adapters.ElbTargetHealthAdapter;
import dev.berth.adapters.ElbTrafficRouting;
import dev.berth.adapters.EventBridgeDeploymentEvents;
import dev.berth.adapters.StepFunctionsExecutions;
import dev.berth.aws.AwsClients;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.engine.EnginePorts;
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
import java.util.function.Supplier;

/**
 * The engine's ports on AWS, built from the function's environment. Each adapter is built on first
 * request and its SDK client on first use, so a function pays only for the AWS services it calls;
 * except when Lambda initialises the function ahead of traffic, where building the clients up front is free.
 */
public final class Ports implements EnginePorts {

    private final FunctionEnvironment environment;
    private final AwsClients clients;
    private volatile boolean clientsUpFront;
    private EcsServices ecs;
    private ImageRegistry registry;

    public Ports(FunctionEnvironment environment) {
        this.environment = environment;
        this.clients = new AwsClients(environment);
        this.clientsUpFront = initialisedAheadOfTraffic(environment);
    }

    /**
     * On demand, the init phase and the first invocation are both on the cold start's path: a client
     * built lazily costs no more, and nothing when the invocation makes no call. Otherwise
     * (provisioned concurrency, SnapStart) Lambda initialises before any request arrives, so that is
     * the time to build them. The sandbox does not set the variable: lazy, as on demand.
     */
    private static boolean initialisedAheadOfTraffic(FunctionEnvironment environment) {
        return environment.get("AWS_LAMBDA_INITIALIZATION_TYPE").filter(type -> !type.equals("on-demand")).isPresent();
    }

    /**
     * From now on each adapter builds its SDK client as it is made: priming before a SnapStart snapshot
     * (see {@link Priming}), whatever the initialisation type says. Building a client sends nothing.
     */
    void buildClientsUpFront() {
        clientsUpFront = true;
    }

    /** Priming: runs the SDK's request path once for each client built so far, answered in the process (see AwsClients). */
    int primeCalls() {
        return clients.primeCalls();
    }

    private <C> Supplier<C> client(Supplier<C> client) {
        if (clientsUpFront) {
            client.get();
        }
        return client;
    }

    /** One adapter per function instance: it remembers what it learnt of immutable revisions between invocations. */
    @Override
    public synchronized EcsServices ecs() {
        if (ecs == null) {
            ecs = new EcsServicesAdapter(client(clients::ecs));
        }
        return ecs;
    }

    /** One registry per function instance: its HTTP client (for image config blobs) is built once, not per deployment. */
    @Override
    public synchronized ImageRegistry registry() {
        if (clientsUpFront) {
            clients.ecr(clients.region().id()); // pushes come from the function's own region, as a rule; others build on use
        }
        if (registry == null) {
            registry = new EcrImagePlatforms(clients::ecr);
        }
        return registry;
    }

    @Override
    public TrafficRouting routing() {
        return new ElbTrafficRouting(client(clients::elb));
    }

    @Override
    public Alarms alarms() {
        return new CloudWatchAlarms(client(clients::cloudWatch));
    }

    @Override
    public TargetHealth targetHealth() {
        return new ElbTargetHealthAdapter(client(clients::elb));
    }

    @Override
    public DeploymentHistory history() {
        return new DynamoDbDeploymentHistory(client(clients::dynamoDb), environment.required("DEPLOYMENTS_TABLE"));
    }

    @Override
    public ServiceLeases leases() {
        return new DynamoDbServiceLeases(client(clients::dynamoDb), environment.required("LEASES_TABLE"));
    }

    @Override
    public TargetCatalog targets() {
        return new DynamoDbTargetCatalog(client(clients::dynamoDb), environment.required("TARGETS_TABLE"));
    }

    @Override
    public Executions executions() {
        return new StepFunctionsExecutions(client(clients::sfn), () -> environment.required("STATE_MACHINE_ARN"));
    }

    @Override
    public DeploymentEvents events() {
        return new EventBridgeDeploymentEvents(client(clients::eventBridge), environment.get("EVENT_BUS_NAME").orElse("default"));
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }
}
