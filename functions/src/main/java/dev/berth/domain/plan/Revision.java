package dev.berth.domain.plan;

/** The task definition revision a step acts on or judges, by its role in the deployment. */
public enum Revision {
    /** The revision this deployment brings. */
    NEW,
    /** The revision that was serving before: where ECS's own circuit-breaker rollback returns the service. */
    PREVIOUS,
    /** The revision that was serving before, pinned by digest where it was not: what Berth's rollback returns to. */
    ROLLBACK
}
