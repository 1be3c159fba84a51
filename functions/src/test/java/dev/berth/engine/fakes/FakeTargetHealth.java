package dev.berth.engine.fakes;

import dev.berth.domain.health.TargetGroupHealth;
import dev.berth.domain.health.TargetView;
import dev.berth.ports.TargetHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TargetHealth} over target groups held in memory: the fake ECS registers its tasks here, tests script their health. */
public final class FakeTargetHealth implements TargetHealth {

    private final Map<String, Map<String, TargetView>> groups = new LinkedHashMap<>();
    private int describes;

    @Override
    public TargetGroupHealth describe(String targetGroupArn) {
        describes++;
        Map<String, TargetView> targets = groups.get(targetGroupArn);
        if (targets == null) {
            throw new dev.berth.ports.AwsCallException("DescribeTargetHealth " + targetGroupArn + ": TargetGroupNotFound", null);
        }
        return new TargetGroupHealth(targetGroupArn, List.copyOf(targets.values()));
    }

    public void createGroup(String targetGroupArn) {
        groups.putIfAbsent(targetGroupArn, new LinkedHashMap<>());
    }

    /** Registers (or re-states) a target; {@code reason} as ELB gives it, e.g. {@code Target.FailedHealthChecks}. */
    public void put(String targetGroupArn, String id, int port, String state, String reason) {
        createGroup(targetGroupArn);
        groups.get(targetGroupArn).put(id + ":" + port, new TargetView(id, port, state, Optional.ofNullable(reason), Optional.empty()));
    }

    public void deregister(String targetGroupArn, String id, int port) {
        Map<String, TargetView> targets = groups.get(targetGroupArn);
        if (targets != null) {
            targets.remove(id + ":" + port);
        }
    }

    public List<TargetView> targets(String targetGroupArn) {
        return List.copyOf(groups.getOrDefault(targetGroupArn, Map.of()).values());
    }

    public int describes() {
        return describes;
    }
}
