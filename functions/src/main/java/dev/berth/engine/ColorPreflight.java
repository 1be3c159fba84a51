package dev.berth.engine;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.traffic.Color;
import dev.berth.domain.traffic.LiveColor;
import dev.berth.domain.traffic.TrafficSplit;
import dev.berth.ports.Alarms;
import dev.berth.workflow.PrepareRevisionRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blue/green's pre-flight, before anything moves: which color is live (the listener's weights, cross-checked with
 * what the last deployment left), and the alarms exist and none is in ALARM. A refusal names what is wrong.
 */
final class ColorPreflight {

    /** Fails the deployment with a pre-flight problem, keeping the checks that passed (the preparer's). */
    interface Failure {
        InvalidInputException fail(PrepareRevisionRequest request, List<TimelineEntry> passed, String problem);
    }

    /** How many of the service's latest deployments are read to find what the last one left live. */
    private static final int HISTORY_LOOKBACK = 20;

    private final EnginePorts ports;
    private final PrepareRevisionRequest request;
    private final Strategy.BlueGreen strategy;

    ColorPreflight(EnginePorts ports, PrepareRevisionRequest request, Strategy.BlueGreen strategy) {
        this.ports = ports;
        this.request = request;
        this.strategy = strategy;
    }

    Color live(Deployment self, List<TimelineEntry> passed, Failure failure) {
        Map<String, Integer> weights = ports.routing().weights(strategy.listenerArn());
        Optional<Color> recorded = recordedLive(self);
        Color live = switch (LiveColor.choose(weights, strategy.blue().targetGroupArn(), strategy.green().targetGroupArn(), recorded)) {
            case LiveColor.Choice.Live l -> l.live();
            case LiveColor.Choice.Refused r -> throw failure.fail(request, passed, r.reason());
        };
        String split = TrafficSplit.toNew(100).describe(live.label(), live.other().label());
        passed.add(entry(live.label() + " is live (the production listener forwards " + split + ")"
                + recorded.map(r -> ", as the last deployment left it").orElse("") + "; " + live.other().label() + " ("
                + strategy.of(live.other()).service() + ") takes this deployment"));
        if (!strategy.alarms().isEmpty()) {
            Map<String, String> states = ports.alarms().states(strategy.alarms());
            List<String> missing = states.entrySet().stream().filter(e -> e.getValue().equals(Alarms.MISSING)).map(Map.Entry::getKey).toList();
            if (!missing.isEmpty()) {
                throw failure.fail(request, passed, "alarm " + String.join(", ", missing) + " does not exist in CloudWatch:"
                        + " create it, or take it out of the target's alarms");
            }
            List<String> alarming = states.entrySet().stream().filter(e -> e.getValue().equals("ALARM")).map(Map.Entry::getKey).toList();
            if (!alarming.isEmpty()) {
                throw failure.fail(request, passed, "alarm " + String.join(", ", alarming) + (alarming.size() == 1 ? " is" : " are")
                        + " in ALARM before anything moved: Berth deploys once " + (alarming.size() == 1 ? "it is" : "they are") + " OK");
            }
            passed.add(entry("alarms not in ALARM: " + String.join(", ", states.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList())));
        }
        return live;
    }

    /**
     * The color the service's last blue/green deployment left live: the one it brought when it SUCCEEDED, the other
     * when it was undone. A deployment that FAILED or was ABORTED may have left anything: then nothing is known.
     */
    private Optional<Color> recordedLive(Deployment self) {
        for (Deployment d : ports.history().forService(request.cluster(), request.service(), HISTORY_LOOKBACK)) {
            if (d.id().equals(self.id()) || d.newColor().isEmpty() || !d.status().isFinal()) {
                continue;
            }
            Color brought = Color.parse(d.newColor().get());
            boolean tookOver = d.status() == DeploymentStatus.SUCCEEDED;
            boolean undone = d.status() == DeploymentStatus.ROLLED_BACK || d.status() == DeploymentStatus.SUPERSEDED;
            return tookOver ? Optional.of(brought) : undone ? Optional.of(brought.other()) : Optional.empty();
        }
        return Optional.empty();
    }

    private TimelineEntry entry(String message) {
        return new TimelineEntry(ports.clock().instant(), "Pre-flight", message);
    }
}
