package dev.berth.handlers;

import dev.berth.adapters.DynamoDbDeploymentHistory;
import dev.berth.adapters.DynamoDbTargetCatalog;
import dev.berth.adapters.EcsServicesAdapter;
import dev.berth.adapters.ElbTargetHealthAdapter;
import dev.berth.adapters.EventBridgeDeploymentEvents;
import dev.berth.adapters.StepFunctionsExecutions;
import dev.berth.aws.AwsClients;
import dev.berth.aws.FunctionEnvironment;
import dev.berth.ports.DeploymentEvents;
import dev.berth.ports.DeploymentHistory;
import dev.berth.ports.EcsServices;
import dev.berth.ports.Executions;
import dev.berth.ports.TargetCatalog;
import dev.berth.ports.TargetHealth;
import java.time.Clock;

/**
 * Builds the adapters a handler asks for from the function's environment. Each is built on request
 * and its SDK client on first use, so a handler pays only for the AWS services it calls.
 */
public final class Ports {

    private final FunctionEnvironment environment;
    private final AwsClients clients;

    public Ports(FunctionEnvironment environment) {
        this.environment = environment;
        this.clients = new AwsClients(environment);
    }

    public EcsServices ecs() {
        return new EcsServicesAdapter(clients::ecs);
    }

    public TargetHealth targetHealth() {
        return new ElbTargetHealthAdapter(clients::elb);
    }

    public DeploymentHistory history() {
        return new DynamoDbDeploymentHistory(clients::dynamoDb, environment.required("DEPLOYMENTS_TABLE"));
    }

    public TargetCatalog targets() {
        return new DynamoDbTargetCatalog(clients::dynamoDb, environment.required("TARGETS_TABLE"));
    }

    public Executions executions() {
        return new StepFunctionsExecutions(clients::sfn, environment.required("STATE_MACHINE_ARN"));
    }

    public DeploymentEvents events() {
        return new EventBridgeDeploymentEvents(clients::eventBridge, environment.get("EVENT_BUS_NAME").orElse("default"));
    }

    public Clock clock() {
        return Clock.systemUTC();
    }
}
