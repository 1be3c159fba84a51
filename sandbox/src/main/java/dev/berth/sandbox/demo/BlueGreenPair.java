package dev.berth.sandbox.demo;

import dev.berth.domain.target.Target;
import dev.berth.handlers.TargetDocument;
import dev.berth.workflow.BlueGreenSettings;
import java.util.List;

/**
 * Two ECS services behind one ALB, created in the sandbox for blue/green deployments (see
 * {@link EcsWorld#createBlueGreen}): {@code blueService} in {@code blueTargetGroupArn} runs the tasks and
 * has all the traffic, {@code greenService} in {@code greenTargetGroupArn} is scaled to 0.
 *
 * @param listenerArn       the production listener (port 80); its default action forwards by weight to the two
 *                          target groups
 * @param ruleArn           a rule on the production listener (priority 10, {@code path-pattern /*}) forwarding
 *                          with the same weights
 * @param testListenerArn   the test listener (port 8443), forwarding by weight to the two target groups
 * @param taskDefinitionArn the task definition both services run at first
 */
public record BlueGreenPair(String cluster, String name, String blueService, String greenService, String blueTargetGroupArn,
                            String greenTargetGroupArn, String loadBalancerArn, String listenerArn, String ruleArn,
                            String testListenerArn, String taskDefinitionArn) {

    /** Blue-green settings for this pair (its colors, its production listener) with the rest as given. */
    public BlueGreenSettings settings(BlueGreenSettings.TrafficDocument traffic, List<String> alarms, boolean manualGate,
                                      Long gateTimeoutSeconds, Long finalBakeSeconds, Long terminationWaitSeconds) {
        return new BlueGreenSettings(new BlueGreenSettings.ColorDocument(blueService, blueTargetGroupArn),
                new BlueGreenSettings.ColorDocument(greenService, greenTargetGroupArn), listenerArn, null, traffic, alarms,
                manualGate, gateTimeoutSeconds, finalBakeSeconds, terminationWaitSeconds);
    }

    /**
     * A target deploying this pair from {@code repositoryUri}'s semver tags (>=1.0.0) with {@code settings}, its new color
     * healthy within 60 s, looked at every second: what the demo, the bench and the tests register.
     */
    public Target target(String repositoryUri, BlueGreenSettings settings) {
        return new TargetDocument(repositoryUri, new TargetDocument.TagPolicyDocument("semver", ">=1.0.0"), cluster, name, List.of(),
                new TargetDocument.StrategyDocument("blue-green", 60L, 1L, 2, null, settings), null).toTarget();
    }
}
