package dev.berth.workflow;

/** The task definition serving before the deployment, and the one it registered. */
public record TaskDefinitions(String previous, String next) {}
