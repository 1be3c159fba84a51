package dev.berth.sandbox.ecs;

import java.util.List;

/** What the data plane needs to know of a registered task definition: its containers. */
public record TaskDefinitionInfo(String arn, List<ContainerInfo> containers) {

    /** One container definition; {@code healthCheck} says whether it declares a container health check. */
    public record ContainerInfo(String name, String image, boolean essential, boolean healthCheck) {}

    public TaskDefinitionInfo {
        containers = List.copyOf(containers);
    }

    /** {@code family} of {@code arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>}. */
    public String family() {
        String tail = arn.substring(arn.lastIndexOf('/') + 1);
        int colon = tail.lastIndexOf(':');
        return colon < 0 ? tail : tail.substring(0, colon);
    }

    /** How a task of this definition behaves: the worst behaviour of its essential containers' images. */
    public ImageBehaviour behaviourIn(Scenario scenario) {
        ImageBehaviour behaviour = ImageBehaviour.healthy();
        for (ContainerInfo container : containers) {
            if (container.essential()) {
                behaviour = behaviour.worst(scenario.behaviourOf(container.image()));
            }
        }
        return behaviour;
    }

    /** Whether any essential container declares a health check, so ECS tracks the task's health itself. */
    public boolean hasContainerHealthCheck() {
        return containers.stream().anyMatch(container -> container.essential() && container.healthCheck());
    }
}
