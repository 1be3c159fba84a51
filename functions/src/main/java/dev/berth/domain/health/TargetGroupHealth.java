package dev.berth.domain.health;

import java.util.List;

/** The targets registered in one load balancer target group, with their health. */
public record TargetGroupHealth(String targetGroupArn, List<TargetView> targets) {

    public TargetGroupHealth {
        if (targetGroupArn == null) {
            throw new IllegalArgumentException("a target group needs its ARN");
        }
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** How many targets are in this state. */
    public int count(String state) {
        return (int) targets.stream().filter(target -> target.state().equals(state)).count();
    }

    /** The name people gave the group: {@code web} in {@code ...:targetgroup/web/73e2d6bc24d8a067}. */
    public String name() {
        int start = targetGroupArn.indexOf(":targetgroup/");
        if (start < 0) {
            return targetGroupArn;
        }
        String rest = targetGroupArn.substring(start + ":targetgroup/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
