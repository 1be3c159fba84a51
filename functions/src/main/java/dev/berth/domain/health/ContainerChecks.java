package dev.berth.domain.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The essential containers of a revision that declare a container health check ({@code healthCheck} in the
 * task definition). ECS folds only essential containers' health into the task's {@code healthStatus}, and
 * reports UNKNOWN for a container without a check, so without this a judge cannot tell "no check" from "not
 * decided yet". Read from the task definition, which never changes once registered.
 */
public record ContainerChecks(List<Checked> containers) {

    /** One checked container; failures within {@code startPeriod} of its start do not count (ECS's rule). */
    public record Checked(String name, Duration startPeriod) {
        public Checked {
            if (name == null || name.isBlank() || startPeriod == null || startPeriod.isNegative()) {
                throw new IllegalArgumentException("a checked container needs a name and a start period of 0 or more");
            }
        }
    }

    public ContainerChecks {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    public static ContainerChecks none() {
        return new ContainerChecks(List.of());
    }

    /**
     * The checks of a task definition as DescribeTaskDefinition returns it (a JSON-shaped map): every container
     * that is essential ({@code essential} defaults to true) and has a {@code healthCheck} with a command.
     */
    public static ContainerChecks of(Map<String, Object> taskDefinition) {
        List<Checked> checked = new ArrayList<>();
        if (taskDefinition != null && taskDefinition.get("containerDefinitions") instanceof List<?> definitions) {
            for (Object item : definitions) {
                if (item instanceof Map<?, ?> container && container.get("name") instanceof String name
                        && !Boolean.FALSE.equals(container.get("essential"))
                        && container.get("healthCheck") instanceof Map<?, ?> check
                        && check.get("command") instanceof List<?> command && !command.isEmpty()) {
                    long startPeriod = check.get("startPeriod") instanceof Number seconds ? seconds.longValue() : 0;
                    checked.add(new Checked(name, Duration.ofSeconds(Math.max(0, startPeriod))));
                }
            }
        }
        return new ContainerChecks(checked);
    }

    /** Whether ECS judges the revision's tasks by health checks of their own. */
    public boolean any() {
        return !containers.isEmpty();
    }

    public List<String> names() {
        return containers.stream().map(Checked::name).toList();
    }
}
