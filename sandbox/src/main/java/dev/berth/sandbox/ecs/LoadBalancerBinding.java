package dev.berth.sandbox.ecs;

/** One {@code loadBalancers} entry of a service: which container port is registered in which target group. */
public record LoadBalancerBinding(String targetGroupArn, String containerName, int containerPort) {}
