package dev.berth.engine;

import dev.berth.domain.plan.Fleet;
import dev.berth.domain.plan.Listener;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.traffic.Color;
import dev.berth.workflow.Revisions;

/**
 * The ECS service, target group and listener a step means by its role ({@link Fleet}, {@link Listener}): rolling
 * has the target's own service; blue/green the two colors, new and old as this deployment's revisions say.
 */
record Fleets(String targetService, Strategy strategy, Revisions revisions) {

    /** The ECS service of {@code fleet}. */
    String service(Fleet fleet) {
        return switch (fleet) {
            case SERVICE -> targetService;
            case NEW_COLOR -> blueGreen().of(newColor()).service();
            case OLD_COLOR -> blueGreen().of(newColor().other()).service();
        };
    }

    String targetGroup(Fleet fleet) {
        return switch (fleet) {
            case SERVICE -> throw new IllegalStateException("a rolling service's target groups come from the service itself");
            case NEW_COLOR -> blueGreen().of(newColor()).targetGroupArn();
            case OLD_COLOR -> blueGreen().of(newColor().other()).targetGroupArn();
        };
    }

    String listener(Listener listener) {
        return switch (listener) {
            case PRODUCTION -> blueGreen().listenerArn();
            case TEST -> blueGreen().testListenerArn().orElseThrow(() -> new IllegalStateException("no test listener configured"));
        };
    }

    Color newColor() {
        return revisions.newColor().orElseThrow(() -> new IllegalStateException(
                "a blue/green step needs the live color, which preparing the revisions records"));
    }

    String describe(Listener listener) {
        return listener == Listener.PRODUCTION ? "production listener" : "test listener";
    }

    private Strategy.BlueGreen blueGreen() {
        if (strategy instanceof Strategy.BlueGreen blueGreen) {
            return blueGreen;
        }
        throw new IllegalStateException("a " + strategy.name() + " deployment has no colors");
    }
}
