package dev.berth.engine;

import dev.berth.domain.plan.Action;
import dev.berth.domain.plan.Fleet;
import dev.berth.domain.plan.Phase;
import dev.berth.domain.plan.Plans;
import dev.berth.domain.plan.Step;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.taskdef.TaskDefinitionArns;
import dev.berth.domain.traffic.Color;
import dev.berth.domain.traffic.TrafficSplit;
import dev.berth.workflow.Next;
import dev.berth.workflow.StartStepRequest;
import dev.berth.workflow.StepState;
import java.util.List;
import java.util.Optional;

/** Blue/green's actions, as {@link StepRunner} does them: bring a color up, shift traffic, scale a color down. */
final class ColorActions {

    private final EnginePorts ports;
    private final StartStepRequest request;
    private final Fleets fleets;

    ColorActions(EnginePorts ports, StartStepRequest request, Fleets fleets) {
        this.ports = ports;
        this.request = request;
        this.fleets = fleets;
    }

    /** The idle color on the new revision, at as many tasks as the live color is set to run, so it can take all the traffic. */
    StepRunner.Acted startColor(Action.StartColor start) {
        String live = fleets.service(Fleet.OLD_COLOR);
        String fresh = fleets.service(Fleet.NEW_COLOR);
        int count = Math.max(1, ports.ecs().describeService(request.cluster(), live).desiredCount());
        String target = request.revisions().of(start.revision());
        ports.ecs().updateService(request.cluster(), fresh, target, count);
        return new StepRunner.Acted.Done(fleets.newColor().label() + " (" + fresh + ") set to " + TaskDefinitionArns.shortName(target)
                + " at " + count + (count == 1 ? " task" : " tasks") + ", as many as " + fleets.newColor().other().label()
                + " (" + live + ") runs");
    }

    StepRunner.Acted scaleDown(Action.ScaleDown down) {
        String service = fleets.service(down.fleet());
        ports.ecs().scale(request.cluster(), service, 0);
        Color color = down.fleet() == Fleet.NEW_COLOR ? fleets.newColor() : fleets.newColor().other();
        return new StepRunner.Acted.Done(color.label() + " (" + service + ") scaled to 0 tasks");
    }

    /**
     * Writes a listener's weights, reading them first: forward, the listener must still be where the last shift left
     * it (someone else's edit is reported and undone by the rollback, never silently overwritten); already at the
     * split, nothing is written (a rollback before any traffic moved, a retried step).
     */
    StepRunner.Acted shiftTraffic(Action.ShiftTraffic shift, StepState base, Strategy strategy) {
        String newTg = fleets.targetGroup(Fleet.NEW_COLOR);
        String oldTg = fleets.targetGroup(Fleet.OLD_COLOR);
        String listener = fleets.listener(shift.listener());
        String fresh = fleets.newColor().label();
        String old = fleets.newColor().other().label();
        TrafficSplit split = TrafficSplit.toNew(shift.newWeight());
        java.util.Map<String, Integer> current = ports.routing().weights(listener);
        Optional<TrafficSplit> now = TrafficSplit.read(current, newTg, oldTg);
        String name = fleets.describe(shift.listener());
        if (now.filter(split::equals).isPresent()) {
            return new StepRunner.Acted.Done(name + " already at " + split.describe(fresh, old) + ": nothing to write"
                    + (base.phase() == Phase.ROLLBACK ? " (" + base.reason() + ")" : ""));
        }
        if (base.phase() == Phase.FORWARD) {
            TrafficSplit left = TrafficSplit.toNew(priorWeight(strategy, shift.listener(), base.index()));
            if (now.filter(left::equals).isEmpty()) {
                String found = now.map(n -> n.describe(fresh, old)).orElse("weights " + current);
                return new StepRunner.Acted.Stopped(base.then(Next.ROLL_BACK, "", name + " changed outside Berth: it forwards " + found
                        + " where the last step left " + left.describe(fresh, old) + "; Berth did not overwrite it"));
            }
        }
        ports.routing().setWeights(listener, split.asWeights(newTg, oldTg));
        return new StepRunner.Acted.Done(name + " set to " + split.describe(fresh, old)
                + (base.phase() == Phase.ROLLBACK ? ": " + base.reason() : ""));
    }

    /** The new color's weight on {@code listener} after the forward steps before {@code index}: 0 before any shift. */
    private static int priorWeight(Strategy strategy, dev.berth.domain.plan.Listener listener, int index) {
        List<Step> forward = Plans.forward(strategy);
        int weight = 0;
        for (int i = 0; i < index && i < forward.size(); i++) {
            if (forward.get(i).action() instanceof Action.ShiftTraffic shift && shift.listener() == listener) {
                weight = shift.newWeight();
            }
        }
        return weight;
    }
}
