package dev.berth.handlers;

import dev.berth.workflow.BlueGreenSettings;
import dev.berth.domain.InvalidInputException;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.target.TagPolicy;
import dev.berth.domain.target.Target;
import java.time.Duration;
import java.util.List;

/**
 * A target as people write it (targets file, API): JSON with plain fields. Converting to
 * {@link Target} validates everything and names the first problem.
 */
public record TargetDocument(String repository, TagPolicyDocument tagPolicy, String cluster, String service,
                             List<String> containers, StrategyDocument strategy, String concurrencyPolicy) {

    /** Without a concurrency policy: the newest push supersedes the deployment in flight. */
    public TargetDocument(String repository, TagPolicyDocument tagPolicy, String cluster, String service,
                          List<String> containers, StrategyDocument strategy) {
        this(repository, tagPolicy, cluster, service, containers, strategy, null);
    }

    /** {@code {"kind": "semver", "expression": ">=1.0.0"}}. */
    public record TagPolicyDocument(String kind, String expression) {}

    /**
     * {@code {"name": "rolling", "healthDeadlineSeconds": 600, "pollIntervalSeconds": 15, "failureThreshold": 2,
     * "settleSeconds": 60}}; a {@code blue-green} one adds {@code blue}, {@code green}, {@code listenerArn},
     * {@code testListenerArn}, {@code traffic}, {@code alarms}, {@code manualGate}, {@code manualGateTimeoutSeconds},
     * {@code finalBakeSeconds} and {@code terminationWaitSeconds} (see {@link BlueGreenSettings}).
     */
    public record StrategyDocument(String name, Long healthDeadlineSeconds, Long pollIntervalSeconds, Integer failureThreshold,
                                   Long settleSeconds, BlueGreenSettings.ColorDocument blue, BlueGreenSettings.ColorDocument green,
                                   String listenerArn, String testListenerArn, BlueGreenSettings.TrafficDocument traffic,
                                   List<String> alarms, Boolean manualGate, Long manualGateTimeoutSeconds, Long finalBakeSeconds,
                                   Long terminationWaitSeconds) {

        public StrategyDocument(String name, Long healthDeadlineSeconds, Long pollIntervalSeconds, Integer failureThreshold,
                                Long settleSeconds) {
            this(name, healthDeadlineSeconds, pollIntervalSeconds, failureThreshold, settleSeconds, null);
        }

        public StrategyDocument(String name, Long healthDeadlineSeconds, Long pollIntervalSeconds, Integer failureThreshold) {
            this(name, healthDeadlineSeconds, pollIntervalSeconds, failureThreshold, null);
        }

        public StrategyDocument(String name, Long healthDeadlineSeconds, Long pollIntervalSeconds) {
            this(name, healthDeadlineSeconds, pollIntervalSeconds, null);
        }

        /** The rolling settings with blue/green's own. */
        public StrategyDocument(String name, Long healthDeadlineSeconds, Long pollIntervalSeconds, Integer failureThreshold,
                                Long settleSeconds, BlueGreenSettings blueGreen) {
            this(name, healthDeadlineSeconds, pollIntervalSeconds, failureThreshold, settleSeconds,
                    blueGreen == null ? null : blueGreen.blue(), blueGreen == null ? null : blueGreen.green(),
                    blueGreen == null ? null : blueGreen.listenerArn(), blueGreen == null ? null : blueGreen.testListenerArn(),
                    blueGreen == null ? null : blueGreen.traffic(), blueGreen == null ? null : blueGreen.alarms(),
                    blueGreen == null ? null : blueGreen.manualGate(), blueGreen == null ? null : blueGreen.manualGateTimeoutSeconds(),
                    blueGreen == null ? null : blueGreen.finalBakeSeconds(), blueGreen == null ? null : blueGreen.terminationWaitSeconds());
        }

        /** The blue-green fields this document sets, by their JSON names. */
        List<String> blueGreenFieldsGiven() {
            List<String> given = new java.util.ArrayList<>();
            java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
            fields.put("blue", blue);
            fields.put("green", green);
            fields.put("listenerArn", listenerArn);
            fields.put("testListenerArn", testListenerArn);
            fields.put("traffic", traffic);
            fields.put("alarms", alarms);
            fields.put("manualGate", manualGate);
            fields.put("manualGateTimeoutSeconds", manualGateTimeoutSeconds);
            fields.put("finalBakeSeconds", finalBakeSeconds);
            fields.put("terminationWaitSeconds", terminationWaitSeconds);
            fields.forEach((name, value) -> {
                if (value != null) {
                    given.add("'" + name + "'");
                }
            });
            return given;
        }

        BlueGreenSettings blueGreen() {
            return new BlueGreenSettings(blue, green, listenerArn, testListenerArn, traffic, alarms, manualGate,
                    manualGateTimeoutSeconds, finalBakeSeconds, terminationWaitSeconds);
        }
    }

    private static final long DEFAULT_DEADLINE_SECONDS = 600;
    private static final long DEFAULT_POLL_SECONDS = 15;

    public Target toTarget() {
        if (repository == null || repository.isBlank()) {
            throw new InvalidInputException("target needs a 'repository' (e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web)");
        }
        if (tagPolicy == null) {
            throw new InvalidInputException("target " + cluster + "/" + service + " needs a 'tagPolicy' ({\"kind\": \"exact|glob|semver|regex\", \"expression\": ...})");
        }
        return new Target(repository, TagPolicy.parse(tagPolicy.kind(), tagPolicy.expression()),
                cluster, service, containers == null ? List.of() : containers, toStrategy(),
                concurrencyPolicy == null ? ConcurrencyPolicy.SUPERSEDE : ConcurrencyPolicy.parse(concurrencyPolicy));
    }

    private Strategy toStrategy() {
        String name = strategy == null || strategy.name() == null ? "rolling" : strategy.name();
        return switch (name) {
            case "rolling" -> {
                List<String> stray = strategy == null ? List.of() : strategy.blueGreenFieldsGiven();
                if (!stray.isEmpty()) {
                    // A forgotten name would otherwise roll the 'service' field's service and ignore the colors.
                    throw new InvalidInputException("strategy 'rolling' does not use " + String.join(", ", stray)
                            + ": those are blue-green settings (set \"name\": \"blue-green\")");
                }
                yield health();
            }
            case "blue-green" -> strategy.blueGreen().toStrategy(health());
            default -> throw new InvalidInputException("unknown strategy '" + name + "': Berth knows 'rolling' and 'blue-green'");
        };
    }

    /** The rolling settings, with their defaults: blue/green's new color meets them too. */
    private Strategy.Rolling health() {
        Duration deadline = Duration.ofSeconds(strategy == null || strategy.healthDeadlineSeconds() == null
                ? DEFAULT_DEADLINE_SECONDS : strategy.healthDeadlineSeconds());
        return new Strategy.Rolling(deadline,
                Duration.ofSeconds(strategy == null || strategy.pollIntervalSeconds() == null ? DEFAULT_POLL_SECONDS : strategy.pollIntervalSeconds()),
                strategy == null || strategy.failureThreshold() == null ? Strategy.Rolling.DEFAULT_FAILURE_THRESHOLD : strategy.failureThreshold(),
                strategy == null || strategy.settleSeconds() == null ? Strategy.Rolling.defaultSettle(deadline)
                        : Duration.ofSeconds(strategy.settleSeconds()));
    }


    public static TargetDocument of(Target target) {
        StrategyDocument strategy = switch (target.strategy()) {
            case Strategy.Rolling r -> new StrategyDocument(r.name(), r.healthDeadline().toSeconds(), r.pollInterval().toSeconds(),
                    r.failureThreshold(), r.settlePeriod().toSeconds());
            case Strategy.BlueGreen b -> new StrategyDocument(b.name(), b.health().healthDeadline().toSeconds(),
                    b.health().pollInterval().toSeconds(), b.health().failureThreshold(), b.health().settlePeriod().toSeconds(),
                    BlueGreenSettings.of(b));
        };
        return new TargetDocument(target.repository(), new TagPolicyDocument(target.tagPolicy().kind(), target.tagPolicy().expression()),
                target.cluster(), target.service(), target.containers(), strategy, target.concurrencyPolicy().configName());
    }
}
