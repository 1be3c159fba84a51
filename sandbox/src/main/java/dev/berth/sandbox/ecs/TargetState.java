package dev.berth.sandbox.ecs;

import java.util.Optional;

/** The ALB target health states the data plane goes through, with the reason codes a real ALB gives. */
public enum TargetState {
    INITIAL("initial", "Elb.RegistrationInProgress", "Target registration is in progress"),
    HEALTHY("healthy", "", ""),
    UNHEALTHY("unhealthy", "Target.FailedHealthChecks", "Health checks failed"),
    DRAINING("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");

    private final String apiName;
    private final String reason;
    private final String description;

    TargetState(String apiName, String reason, String description) {
        this.apiName = apiName;
        this.reason = reason;
        this.description = description;
    }

    /** The {@code State} string of the ELBv2 API. */
    public String apiName() {
        return apiName;
    }

    /** The {@code Reason} code; a healthy target has none. */
    public Optional<String> reason() {
        return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
    }

    public Optional<String> description() {
        return description.isEmpty() ? Optional.empty() : Optional.of(description);
    }
}
