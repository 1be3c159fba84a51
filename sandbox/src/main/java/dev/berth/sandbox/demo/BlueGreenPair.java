package dev.berth.sandbox.demo;

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
                            String testListenerArn, String taskDefinitionArn) {}
