package dev.berth.sandbox.ecs;

/** One target of a target group as DescribeTargetHealth shows it; {@code id} is the task's private IP. */
public record TargetView(String id, int port, TargetState state, String taskArn) {}
