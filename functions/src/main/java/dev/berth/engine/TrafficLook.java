package dev.berth.engine;

import dev.berth.domain.health.StepVerdict;
import dev.berth.domain.plan.Check;
import dev.berth.domain.plan.Fleet;
import dev.berth.domain.plan.Phase;
import dev.berth.domain.plan.Revision;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.traffic.BakeJudge;
import dev.berth.domain.traffic.TrafficSplit;
import dev.berth.workflow.Next;
import dev.berth.workflow.ObserveStepRequest;
import dev.berth.workflow.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One look at a blue/green traffic step: reads the listener back, the alarms and the new color, and lets {@link BakeJudge} decide. */
final class TrafficLook {

    private static final Duration NO_DEADLINE = Duration.ofDays(1);

    private final EnginePorts ports;
    private final ObserveStepRequest request;
    private final Fleets fleets;
    private final Strategy.BlueGreen strategy;

    TrafficLook(EnginePorts ports, ObserveStepRequest request, Fleets fleets, Strategy strategy) {
        this.ports = ports;
        this.request = request;
        this.fleets = fleets;
        this.strategy = (Strategy.BlueGreen) strategy;
    }

    StepState look(Check.TrafficHolds check, boolean last, Instant now) {
        StepState step = request.step();
        String newTg = fleets.targetGroup(Fleet.NEW_COLOR);
        String oldTg = fleets.targetGroup(Fleet.OLD_COLOR);
        Map<String, Integer> weights = ports.routing().weights(fleets.listener(check.listener()));
        Optional<TrafficSplit> read = TrafficSplit.read(weights, newTg, oldTg);
        Map<String, String> alarms = check.watchHealth() ? ports.alarms().states(strategy.alarms()) : Map.of();
        // In a bake the new color must stay healthy; a deadline does not apply (it became healthy before any traffic moved).
        Optional<ColorHealth.Result> health = check.watchHealth()
                ? Optional.of(new ColorHealth(ports).look(request.cluster(), fleets.service(Fleet.NEW_COLOR), request.revisions(),
                        Revision.NEW, Fleet.NEW_COLOR, step, NO_DEADLINE, strategy.health().settlePeriod(), check.failureThreshold(), now))
                : Optional.empty();
        Duration elapsed = Duration.between(step.startedAt(), now);
        StepVerdict verdict = BakeJudge.judge(new BakeJudge.Seen(TrafficSplit.toNew(check.newWeight()), read, weights, alarms, health.map(ColorHealth.Result::verdict),
                elapsed, check.bake()), new BakeJudge.Labels(fleets.describe(check.listener()), fleets.newColor().label(),
                fleets.newColor().other().label()));
        // Look again at the poll interval, or when the bake ends if that is sooner.
        Duration remaining = check.bake().minus(elapsed);
        long wait = Math.max(1, remaining.isNegative() || remaining.compareTo(check.interval()) > 0
                ? check.interval().toSeconds() : remaining.toSeconds());
        if (step.phase() == Phase.ROLLBACK && verdict instanceof StepVerdict.Failed f) {
            return step.looked(0, f.summary(), wait, Next.CONCLUDE, dev.berth.domain.deployment.DeploymentStatus.FAILED.name(),
                    "traffic did not go back: " + f.summary());
        }
        return StepObserver.decide(step, verdict, wait, last).withFailedTasks(health.map(ColorHealth.Result::failedTasks)
                .orElse(step.failedTasks()));
    }
}
