package dev.berth.domain.health;

/** The judgement on a rollout at one moment. */
public sealed interface HealthVerdict {

    /** What people should read about it, with the counts that led to it. */
    String summary();

    /** The new revision runs as desired and every load balancer finds it healthy. */
    record Healthy(String summary) implements HealthVerdict {}

    /** Not there yet, and nothing says it will not get there. */
    record InProgress(String summary) implements HealthVerdict {}

    /** It failed, or ran out of time; the summary is the reason. */
    record Unhealthy(String summary) implements HealthVerdict {}
}
