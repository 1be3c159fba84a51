package dev.berth.sandbox.ecs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the data plane needs to know of a registered task definition: its containers, and what their
 * images resolved to when the deployment running it started (ECS resolves tags to digests once per
 * deployment, so every task of a deployment runs the same image), and the platform its tasks run on.
 */
public record TaskDefinitionInfo(String arn, List<ContainerInfo> containers, TaskPlatform platform) {

    /** A definition without a runtime platform: its tasks run on LINUX/X86_64. */
    public TaskDefinitionInfo(String arn, List<ContainerInfo> containers) {
        this(arn, containers, TaskPlatform.linuxX86());
    }

    /**
     * One container definition; {@code healthCheck} is its container health check, if it declares one;
     * {@code identity} is what its image resolved to (only the reference itself until resolved).
     */
    public record ContainerInfo(String name, String image, boolean essential, Optional<ContainerHealthCheck> healthCheck,
                                ImageIdentity identity) {

        public ContainerInfo(String name, String image, boolean essential, Optional<ContainerHealthCheck> healthCheck) {
            this(name, image, essential, healthCheck, ImageIdentity.of(image));
        }

        public boolean hasHealthCheck() {
            return healthCheck.isPresent();
        }
    }

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
                behaviour = behaviour.worst(scenario.behaviourOf(container.identity()));
            }
        }
        return behaviour;
    }

    /** How each container's own image behaves (by container name): what its container health check sees. */
    public Map<String, ImageBehaviour> containerBehavioursIn(Scenario scenario) {
        Map<String, ImageBehaviour> behaviours = new LinkedHashMap<>();
        containers.forEach(container -> behaviours.put(container.name(), scenario.behaviourOf(container.identity())));
        return behaviours;
    }

    /** Whether any container runs an image {@code selector} names. */
    public boolean runs(ImageSelector selector) {
        return containers.stream().anyMatch(container -> selector.matches(container.identity()));
    }

    /** The same definition with each container's image identity replaced by {@code resolve}'s answer. */
    public TaskDefinitionInfo withIdentities(UnaryOperator<ImageIdentity> resolve) {
        return new TaskDefinitionInfo(arn, containers.stream()
                .map(c -> new ContainerInfo(c.name(), c.image(), c.essential(), c.healthCheck(), resolve.apply(c.identity())))
                .toList(), platform);
    }

    /** The first essential container whose image is not built for this definition's platform, and how it fails. */
    Optional<PlatformMismatch> platformMismatch() {
        for (ContainerInfo container : containers) {
            if (!container.essential()) {
                continue;
            }
            Optional<PlatformMismatch> mismatch = switch (container.identity().platforms()) {
                case ImagePlatforms.Index(var platforms) -> platforms.stream().anyMatch(platform::runs)
                        ? Optional.empty()
                        : Optional.of(new PlatformMismatch.NoManifestForPlatform(container.name(), container.image(), platform));
                case ImagePlatforms.Single(var built) -> platform.runs(built)
                        ? Optional.empty() : Optional.of(new PlatformMismatch.ExecFormatError(container.name()));
                case ImagePlatforms.Unknown() -> Optional.empty();
            };
            if (mismatch.isPresent()) {
                return mismatch;
            }
        }
        return Optional.empty();
    }

    /** Whether any essential container declares a health check, so ECS tracks the task's health itself. */
    public boolean hasContainerHealthCheck() {
        return containers.stream().anyMatch(container -> container.essential() && container.hasHealthCheck());
    }
}
