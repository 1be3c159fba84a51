package dev.berth.workflow;

import java.util.List;

/**
 * The input of one execution of the deployment state machine: one source to one ECS service. The
 * states add their results beside these fields ({@code revisions}); {@code step} and {@code error}
 * start empty because a Step Functions path must exist before a state can pass it on.
 *
 * @param precedence orders deployments of one service, newest push highest (see {@code Claim})
 */
public record DeploymentRequest(String deploymentId, String cluster, String service, List<String> containers,
                                DeploymentSource source, StrategySettings strategy, TriggerInfo trigger,
                                String precedence, StepState step, CaughtError error) {

    public DeploymentRequest {
        containers = containers == null ? List.of() : List.copyOf(containers);
        step = step == null ? StepState.initial() : step;
        error = error == null ? CaughtError.none() : error;
    }
}
