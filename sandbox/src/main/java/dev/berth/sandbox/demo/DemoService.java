package dev.berth.sandbox.demo;

/** An ECS service behind an ALB target group, created in the sandbox for the demo and the tests. */
public record DemoService(String cluster, String service, String repositoryUri, String targetGroupArn,
                          String initialTaskDefinitionArn) {}
