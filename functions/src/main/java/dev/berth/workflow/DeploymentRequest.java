package dev.berth.workflow;

import java.util.List;
import java.util.Optional;

/**
 * The input of one execution of the deployment state machine: one image to one ECS service. The
 * states add their results beside these fields ({@code taskDefinitions}, {@code rollout},
 * {@code check}...); {@code check} and {@code rollbackCheck} start empty because a Step Functions
 * path must exist before a state can pass it on.
 */
public record DeploymentRequest(String deploymentId, String cluster, String service, List<String> containers,
                                String image, Optional<String> tag, Optional<String> digest,
                                StrategySettings strategy, TriggerInfo trigger,
                                CheckResult check, CheckResult rollbackCheck) {

    public DeploymentRequest {
        containers = containers == null ? List.of() : List.copyOf(containers);
        tag = tag == null ? Optional.empty() : tag;
        digest = digest == null ? Optional.empty() : digest;
        check = check == null ? CheckResult.NONE : check;
        rollbackCheck = rollbackCheck == null ? CheckResult.NONE : rollbackCheck;
    }
}
