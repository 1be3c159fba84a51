package dev.berth.domain.health;

/** What one look at a revision shows, before consecutive evidence is weighed. */
public sealed interface Look {

    /** For people, with the counts that led to it. */
    String summary();

    /** Runs as desired and every load balancer finds its own targets healthy. */
    record Healthy(String summary) implements Look {}

    /** Not there yet, and nothing says it will not get there. */
    record Progressing(String summary) implements Look {}

    /** Evidence of failure that one look alone does not prove (a target can flap): counts toward the threshold. */
    record Unhealthy(String summary) implements Look {}

    /** Failed beyond doubt (ECS's circuit breaker, tasks crashing on start, the deadline): no second look needed. */
    record Failed(String summary) implements Look {}

    /** ECS's circuit breaker gave up on the revision and is rolling the service back itself. */
    record EcsRollingBack(String summary) implements Look {}

    /** The service no longer runs the revision, and nothing Berth did explains it. */
    record ChangedOutside(String summary) implements Look {}
}
