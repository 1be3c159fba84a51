package dev.berth.engine;

import java.util.List;

/** What a trigger did with an event: {@code deploying}, {@code ignored} or {@code rejected}, and why. */
public record PushResult(String status, String reason, List<DeploymentStart> deployments) {

    /** One deployment the trigger started, or found already started ({@code duplicate}). */
    public record DeploymentStart(String deploymentId, String cluster, String service, String outcome) {}

    public static PushResult ignored(String reason) {
        return new PushResult("ignored", reason, List.of());
    }

    public static PushResult rejected(String reason) {
        return new PushResult("rejected", reason, List.of());
    }

    static PushResult deploying(List<DeploymentStart> starts) {
        long started = starts.stream().filter(s -> s.outcome().equals("started")).count();
        return new PushResult("deploying", started + " of " + starts.size() + " matching services started", starts);
    }
}
