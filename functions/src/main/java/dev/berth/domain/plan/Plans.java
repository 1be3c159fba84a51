package dev.berth.domain.plan;

import dev.berth.domain.target.Strategy;
import dev.berth.domain.traffic.Color;
import dev.berth.domain.traffic.TrafficStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns a strategy into the steps that execute it and the steps that undo it: pure data, which the
 * state machine only executes (as Argo Rollouts keeps canary steps in the spec and its reconciler
 * only carries them out). A new strategy is a new case here, not a new state machine.
 *
 * <p>Blue/green steps are named with the colors when the deployment knows which one it brings
 * ({@code newColor}); the steps themselves are the same for either color.
 */
public final class Plans {

    /** A traffic check with nothing to bake still reads the weights back once, this soon after writing them. */
    private static final Duration READ_BACK = Duration.ofSeconds(1);

    private Plans() {}

    /** The steps of a deployment with this strategy, in order. */
    public static List<Step> forward(Strategy strategy) {
        return forward(strategy, Optional.empty());
    }

    /** The steps of a deployment with this strategy, in order, named for the color it brings when known. */
    public static List<Step> forward(Strategy strategy, Optional<Color> newColor) {
        return switch (strategy) {
            case Strategy.Rolling rolling -> List.of(new Step("Roll the service out to the new revision",
                    new Action.UpdateService(Revision.NEW), healthy(rolling, Revision.NEW, Fleet.SERVICE)));
            case Strategy.BlueGreen blueGreen -> blueGreenForward(blueGreen, names(newColor));
        };
    }

    /** The steps that undo a deployment with this strategy, for this cause. */
    public static List<Step> rollback(Strategy strategy, RollbackCause cause) {
        return rollback(strategy, cause, Optional.empty());
    }

    /** The steps that undo a deployment with this strategy, for this cause, named for the color it brought when known. */
    public static List<Step> rollback(Strategy strategy, RollbackCause cause, Optional<Color> newColor) {
        return switch (strategy) {
            case Strategy.Rolling rolling -> switch (cause) {
                case RollbackCause.Failure f -> List.of(new Step("Roll the service back to the previous revision",
                        new Action.UpdateService(Revision.ROLLBACK), healthy(rolling, Revision.ROLLBACK, Fleet.SERVICE)));
                case RollbackCause.EcsRollback e -> List.of(new Step("Watch ECS roll the service back",
                        new Action.Watch(), healthy(rolling, Revision.PREVIOUS, Fleet.SERVICE)));
            };
            // Whatever the cause, the old color still runs what it ran: traffic goes back to it, then the new color goes.
            case Strategy.BlueGreen blueGreen -> blueGreenRollback(blueGreen, names(newColor));
        };
    }

    /** The steps of {@code phase}; a rollback's steps need their cause. */
    public static List<Step> steps(Strategy strategy, Phase phase, RollbackCause cause) {
        return steps(strategy, phase, cause, Optional.empty());
    }

    public static List<Step> steps(Strategy strategy, Phase phase, RollbackCause cause, Optional<Color> newColor) {
        return phase == Phase.FORWARD ? forward(strategy, newColor) : rollback(strategy, cause, newColor);
    }

    /**
     * The first forward step from which the deployment is done in substance and is never undone (a failure there
     * ends it SUCCEEDED, saying what was left): blue/green's termination wait, once the new color is live.
     */
    public static OptionalInt committedFrom(Strategy strategy) {
        return switch (strategy) {
            case Strategy.Rolling r -> OptionalInt.empty();
            case Strategy.BlueGreen b -> OptionalInt.of(forward(b).size() - 2);
        };
    }

    private static List<Step> blueGreenForward(Strategy.BlueGreen strategy, Names names) {
        Strategy.Rolling health = strategy.health();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Start " + names.fresh + " on the new revision", new Action.StartColor(Revision.NEW, Fleet.NEW_COLOR),
                healthy(health, Revision.NEW, Fleet.NEW_COLOR)));
        if (strategy.testListenerArn().isPresent()) {
            steps.add(new Step("Route the test listener to " + names.fresh, new Action.ShiftTraffic(Listener.TEST, 100),
                    holds(Listener.TEST, 100, Duration.ZERO, health, false)));
        }
        List<TrafficStep> schedule = fullOnce(strategy.traffic().steps(strategy.manualGate()));
        for (int i = 0; i < schedule.size(); i++) {
            TrafficStep step = schedule.get(i);
            boolean last = i == schedule.size() - 1;
            steps.add(switch (step) {
                // The final bake is baked once, at the end, on top of what the schedule's own last shift bakes.
                case TrafficStep.Shift shift when shift.weight() == 100 -> new Step("Shift all traffic to " + names.fresh,
                        new Action.ShiftTraffic(Listener.PRODUCTION, 100),
                        holds(Listener.PRODUCTION, 100, last ? shift.bake().plus(strategy.finalBake()) : shift.bake(), health, true));
                case TrafficStep.Shift shift -> new Step("Shift " + shift.weight() + "% of traffic to " + names.fresh,
                        new Action.ShiftTraffic(Listener.PRODUCTION, shift.weight()),
                        holds(Listener.PRODUCTION, shift.weight(), shift.bake(), health, true));
                case TrafficStep.ManualPause pause -> new Step("Wait for promote or abort", new Action.AwaitGate(),
                        new Check.Gate(strategy.gateTimeout()));
            });
        }
        steps.add(new Step("Keep " + names.old + " for the termination wait", new Action.Watch(),
                new Check.Elapsed(strategy.terminationWait())));
        steps.add(new Step("Scale " + names.old + " down", new Action.ScaleDown(Fleet.OLD_COLOR),
                new Check.ScaledDown(Fleet.OLD_COLOR, health.healthDeadline(), health.pollInterval())));
        return List.copyOf(steps);
    }

    /**
     * The schedule with a closing {@code Shift(100, 0)} dropped when a shift to 100% comes right before it (a list
     * that reaches 100% with a bake of its own): one step "Shift all traffic", not two.
     */
    private static List<TrafficStep> fullOnce(List<TrafficStep> schedule) {
        int last = schedule.size() - 1;
        if (last > 0 && schedule.get(last) instanceof TrafficStep.Shift closing && closing.bake().isZero()
                && schedule.get(last - 1) instanceof TrafficStep.Shift before && before.weight() == 100) {
            return schedule.subList(0, last);
        }
        return schedule;
    }

    private static List<Step> blueGreenRollback(Strategy.BlueGreen strategy, Names names) {
        Strategy.Rolling health = strategy.health();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Shift all traffic back to " + names.old, new Action.ShiftTraffic(Listener.PRODUCTION, 0),
                holds(Listener.PRODUCTION, 0, Duration.ZERO, health, false)));
        if (strategy.testListenerArn().isPresent()) {
            steps.add(new Step("Route the test listener back to " + names.old, new Action.ShiftTraffic(Listener.TEST, 0),
                    holds(Listener.TEST, 0, Duration.ZERO, health, false)));
        }
        steps.add(new Step("Scale " + names.fresh + " down", new Action.ScaleDown(Fleet.NEW_COLOR),
                new Check.ScaledDown(Fleet.NEW_COLOR, health.healthDeadline(), health.pollInterval())));
        return List.copyOf(steps);
    }

    private static Check healthy(Strategy.Rolling rolling, Revision revision, Fleet fleet) {
        return new Check.RevisionHealthy(revision, rolling.healthDeadline(), rolling.pollInterval(), rolling.failureThreshold(),
                rolling.settlePeriod(), fleet);
    }

    /** Looks every poll interval through the bake (at least once, soon, to read the weights back). */
    private static Check holds(Listener listener, int weight, Duration bake, Strategy.Rolling health, boolean watchHealth) {
        Duration interval = bake.isZero() ? READ_BACK : bake.compareTo(health.pollInterval()) < 0 ? bake : health.pollInterval();
        return new Check.TrafficHolds(listener, weight, bake, interval, health.failureThreshold(), watchHealth);
    }

    private record Names(String fresh, String old) {}

    private static Names names(Optional<Color> newColor) {
        return newColor.map(c -> new Names(c.label(), c.other().label())).orElse(new Names("the new color", "the old color"));
    }
}
