package dev.berth.domain.plan;

/**
 * Which ECS service a step acts on or judges. Rolling has one service; blue/green has two, named by their
 * role in this deployment rather than by color, since colors alternate from one deployment to the next.
 */
public enum Fleet {
    /** The target's own service (rolling). */
    SERVICE,
    /** Blue/green: the color this deployment brings up and shifts traffic to (idle when it starts). */
    NEW_COLOR,
    /** Blue/green: the color that was live when the deployment started. */
    OLD_COLOR
}
