package dev.berth.domain.preflight;

import java.util.Optional;

/**
 * What can be known about a service before Berth changes anything: it must be ACTIVE (a DRAINING service
 * is being deleted) and deployed by ECS itself. A service under the {@code CODE_DEPLOY} or {@code EXTERNAL}
 * deployment controller rejects an UpdateService that changes its task definition, so a deployment that
 * registered a revision first would fail half-way; it fails here instead, saying what to do.
 */
public final class ServicePreflight {

    private ServicePreflight() {}

    /**
     * The problem with deploying to the service, if any.
     *
     * @param status     the service's {@code status}: ACTIVE, DRAINING or INACTIVE
     * @param controller the service's {@code deploymentController.type}; empty means ECS (its default)
     */
    public static Optional<String> problem(String service, String status, Optional<String> controller) {
        if (!"ACTIVE".equals(status)) {
            return Optional.of("service " + service + " is " + status + ", not ACTIVE"
                    + ("DRAINING".equals(status) ? " (it is being deleted)" : "") + ": nothing to deploy to");
        }
        String type = controller.filter(t -> !t.isBlank()).orElse("ECS");
        return switch (type) {
            case "ECS" -> Optional.empty();
            case "CODE_DEPLOY" -> Optional.of("service " + service + " uses the CODE_DEPLOY deployment controller: ECS"
                    + " rejects UpdateService with a new task definition there; deploy it through CodeDeploy, or recreate"
                    + " the service with the ECS controller to let Berth deploy it");
            case "EXTERNAL" -> Optional.of("service " + service + " uses the EXTERNAL deployment controller: its task sets"
                    + " are managed by another tool, which Berth will not fight; deploy it with that tool");
            default -> Optional.of("service " + service + " uses the " + type + " deployment controller, which Berth"
                    + " does not know how to deploy through");
        };
    }

    /** The timeline's line for a service that passed. */
    public static String passed(String service) {
        return "service " + service + " is ACTIVE under the ECS deployment controller";
    }
}
