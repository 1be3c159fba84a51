package dev.berth.workflow;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.traffic.TrafficSchedule;
import dev.berth.domain.traffic.TrafficStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A blue-green strategy's own settings as JSON carries them, in a target document and in the state machine's
 * {@code $.strategy}: one shape for both, so what a user writes is what an execution carries. Converting to
 * {@link Strategy.BlueGreen} validates everything.
 */
public record BlueGreenSettings(ColorDocument blue, ColorDocument green, String listenerArn, String testListenerArn,
                                TrafficDocument traffic, List<String> alarms, Boolean manualGate, Long manualGateTimeoutSeconds,
                                Long finalBakeSeconds, Long terminationWaitSeconds) {

    /** {@code {"service": "web-blue", "targetGroupArn": "arn:aws:elasticloadbalancing:..."}}. */
    public record ColorDocument(String service, String targetGroupArn) {}

    /**
     * {@code {"kind": "canary", "weight": 10, "bakeSeconds": 300}}, {@code {"kind": "linear", "stepWeight": 10,
     * "intervalSeconds": 60}}, {@code {"kind": "all-at-once"}}, or {@code {"kind": "steps", "steps": [...]}}.
     */
    public record TrafficDocument(String kind, Integer weight, Long bakeSeconds, Integer stepWeight, Long intervalSeconds,
                                  List<TrafficStepDocument> steps) {}

    /** {@code {"weight": 25, "bakeSeconds": 300}} or {@code {"pause": "manual"}}. */
    public record TrafficStepDocument(Integer weight, Long bakeSeconds, String pause) {}

    /** The strategy, with the rolling settings ({@code health}) the new color must meet. */
    public Strategy.BlueGreen toStrategy(Strategy.Rolling health) {
        if (traffic == null) {
            throw new InvalidInputException("blue-green strategy needs 'traffic' ({\"kind\": \"all-at-once|canary|linear|steps\", ...})");
        }
        return new Strategy.BlueGreen(health, color(blue), color(green), listenerArn, Optional.ofNullable(testListenerArn),
                TrafficSchedule.parse(traffic.kind(), traffic.weight(), traffic.bakeSeconds(), traffic.stepWeight(),
                        traffic.intervalSeconds(), steps(traffic.steps())),
                alarms, Boolean.TRUE.equals(manualGate), seconds(manualGateTimeoutSeconds), seconds(finalBakeSeconds),
                seconds(terminationWaitSeconds));
    }

    public static BlueGreenSettings of(Strategy.BlueGreen s) {
        return new BlueGreenSettings(document(s.blue()), document(s.green()), s.listenerArn(), s.testListenerArn().orElse(null),
                document(s.traffic()), s.alarms(), s.manualGate(), s.gateTimeout().toSeconds(), s.finalBake().toSeconds(),
                s.terminationWait().toSeconds());
    }

    private static Strategy.BlueGreen.ColorService color(ColorDocument color) {
        return color == null ? null : new Strategy.BlueGreen.ColorService(color.service(), color.targetGroupArn());
    }

    private static ColorDocument document(Strategy.BlueGreen.ColorService color) {
        return new ColorDocument(color.service(), color.targetGroupArn());
    }

    private static Duration seconds(Long value) {
        return value == null ? null : Duration.ofSeconds(value);
    }

    private static List<TrafficStep> steps(List<TrafficStepDocument> documents) {
        if (documents == null) {
            return null;
        }
        List<TrafficStep> steps = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            TrafficStepDocument d = documents.get(i);
            if (d == null) {
                throw new InvalidInputException("traffic step " + (i + 1) + " is empty");
            }
            if (d.pause() != null) {
                if (!"manual".equals(d.pause()) || d.weight() != null || d.bakeSeconds() != null) {
                    throw new InvalidInputException("traffic step " + (i + 1) + ": a pause is {\"pause\": \"manual\"} and nothing else");
                }
                steps.add(new TrafficStep.ManualPause());
            } else if (d.weight() == null) {
                throw new InvalidInputException("traffic step " + (i + 1) + " needs a 'weight' (0-100) or {\"pause\": \"manual\"}");
            } else {
                steps.add(new TrafficStep.Shift(d.weight(), Duration.ofSeconds(d.bakeSeconds() == null ? 0 : d.bakeSeconds())));
            }
        }
        return steps;
    }

    private static TrafficDocument document(TrafficSchedule schedule) {
        return switch (schedule) {
            case TrafficSchedule.AllAtOnce a -> new TrafficDocument(a.kind(), null, null, null, null, null);
            case TrafficSchedule.Canary c -> new TrafficDocument(c.kind(), c.weight(), c.bake().toSeconds(), null, null, null);
            case TrafficSchedule.Linear l -> new TrafficDocument(l.kind(), null, null, l.stepWeight(), l.interval().toSeconds(), null);
            case TrafficSchedule.Steps s -> new TrafficDocument(s.kind(), null, null, null, null, s.steps().stream()
                    .map(step -> switch (step) {
                        case TrafficStep.Shift shift -> new TrafficStepDocument(shift.weight(), shift.bake().toSeconds(), null);
                        case TrafficStep.ManualPause pause -> new TrafficStepDocument(null, null, "manual");
                    }).toList());
        };
    }
}
