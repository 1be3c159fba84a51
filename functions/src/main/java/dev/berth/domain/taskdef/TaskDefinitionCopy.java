package dev.berth.domain.taskdef;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Derives the next task definition revision from the one a service runs: only images change.
 *
 * <p>Definitions are JSON-shaped trees, as {@code DescribeTaskDefinition} returns in {@code taskDefinition}: maps with
 * string keys whose values are strings, numbers, booleans, nulls, lists and maps.
 */
public final class TaskDefinitionCopy {

    /** Fields ECS sets on a registered revision; RegisterTaskDefinition does not accept them back. */
    public static final Set<String> READ_ONLY_FIELDS = Set.of(
            "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
            "registeredAt", "registeredBy", "deregisteredAt");

    private TaskDefinitionCopy() {}

    /**
     * A deep copy of {@code current} without its read-only fields, in which each chosen container runs
     * {@code image.pinned()}; everything else is kept as it was, in the same order. The input is never changed.
     *
     * @param containerNames the containers to update; empty means every container running {@code image}'s repository
     * @throws InvalidInputException when a named container is missing, or no container runs the repository
     */
    public static Map<String, Object> derive(Map<String, Object> current, List<String> containerNames, ImageReference image) {
        Objects.requireNonNull(image, "image");
        List<Map<?, ?>> containers = containerDefinitions(current);
        Set<String> chosen = new LinkedHashSet<>(containerNames == null ? List.of() : containerNames);
        if (chosen.isEmpty()) {
            chosen.addAll(containersRunning(current, image.repositoryUri()));
            if (chosen.isEmpty()) {
                throw new InvalidInputException(describe(current) + " has no container running " + image.repositoryUri()
                        + " (containers: " + describeImages(containers) + ")");
            }
        }
        List<String> present = names(containers);
        for (String name : chosen) {
            if (!present.contains(name)) {
                throw new InvalidInputException(describe(current) + " has no container named '" + name
                        + "' (containers: " + String.join(", ", present) + ")");
            }
        }

        Map<String, Object> next = new LinkedHashMap<>();
        current.forEach((key, value) -> {
            if (!READ_ONLY_FIELDS.contains(key)) {
                next.put(key, deepCopy(value));
            }
        });
        for (Object container : (List<?>) next.get("containerDefinitions")) {
            if (container instanceof Map<?, ?> definition && definition.get("name") instanceof String name && chosen.contains(name)) {
                @SuppressWarnings("unchecked") // built by deepCopy: a LinkedHashMap keyed as the input was
                Map<Object, Object> editable = (Map<Object, Object>) definition;
                editable.put("image", image.pinned());
            }
        }
        return next;
    }

    /**
     * A copy of {@code current} (read-only fields dropped) in which each container that names its image by tag
     * runs, by digest, the image its tasks actually run: rolling back to a revision of {@code repo:latest} must
     * not pull whatever {@code latest} points at now. Empty when no container needed pinning.
     *
     * @param runningDigests container name → the digest its running tasks report
     */
    public static Optional<Map<String, Object>> pinnedTo(Map<String, Object> current, Map<String, String> runningDigests) {
        Map<String, Object> pinned = new LinkedHashMap<>();
        current.forEach((key, value) -> {
            if (!READ_ONLY_FIELDS.contains(key)) {
                pinned.put(key, deepCopy(value));
            }
        });
        boolean changed = false;
        for (Map<?, ?> container : containerDefinitions(pinned)) {
            if (container.get("name") instanceof String name && container.get("image") instanceof String image
                    && runningDigests.containsKey(name) && !image.contains("@")) {
                Optional<ImageReference> reference = parsed(image);
                if (reference.isPresent()) {
                    @SuppressWarnings("unchecked") // built by deepCopy: a LinkedHashMap keyed as the input was
                    Map<Object, Object> editable = (Map<Object, Object>) container;
                    editable.put("image", reference.get().withDigest(runningDigests.get(name)).pinned());
                    changed = true;
                }
            }
        }
        return changed ? Optional.of(pinned) : Optional.empty();
    }

    /** Whether every container named here runs its image by digest. */
    public static boolean pinsByDigest(Map<String, Object> definition, List<String> containerNames) {
        return containerDefinitions(definition).stream()
                .filter(container -> container.get("name") instanceof String name && containerNames.contains(name))
                .allMatch(container -> container.get("image") instanceof String image && image.contains("@"));
    }

    /**
     * Names of the containers whose image is in the repository, in definition order. Images that are not parseable
     * references (a placeholder, say) run no repository and are skipped.
     */
    public static List<String> containersRunning(Map<String, Object> definition, String repositoryUri) {
        String wanted = ImageReference.parse(repositoryUri).repositoryUri();
        List<String> running = new ArrayList<>();
        for (Map<?, ?> container : containerDefinitions(definition)) {
            if (container.get("name") instanceof String name
                    && container.get("image") instanceof String image
                    && repositoryOf(image).filter(wanted::equals).isPresent()) {
                running.add(name);
            }
        }
        return running;
    }

    private static Optional<String> repositoryOf(String image) {
        return parsed(image).map(ImageReference::repositoryUri);
    }

    private static Optional<ImageReference> parsed(String image) {
        try {
            return Optional.of(ImageReference.parse(image));
        } catch (InvalidInputException unparseable) {
            return Optional.empty();
        }
    }

    private static List<Map<?, ?>> containerDefinitions(Map<String, Object> definition) {
        if (definition == null) {
            throw new InvalidInputException("no task definition given");
        }
        if (!(definition.get("containerDefinitions") instanceof List<?> list)) {
            throw new InvalidInputException(describe(definition) + " has no containerDefinitions");
        }
        List<Map<?, ?>> containers = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> container) {
                containers.add(container);
            }
        }
        return containers;
    }

    private static List<String> names(List<Map<?, ?>> containers) {
        List<String> names = new ArrayList<>();
        for (Map<?, ?> container : containers) {
            if (container.get("name") instanceof String name) {
                names.add(name);
            }
        }
        return names;
    }

    private static String describeImages(List<Map<?, ?>> containers) {
        return containers.stream()
                .map(container -> container.get("name") + " runs " + container.get("image"))
                .collect(Collectors.joining(", "));
    }

    /** How people know a revision: {@code family:revision}. */
    private static String describe(Map<String, Object> definition) {
        Object family = definition.get("family");
        Object revision = definition.get("revision");
        if (family == null) {
            return "task definition " + Objects.toString(definition.get("taskDefinitionArn"), "(no family)");
        }
        return "task definition " + family + (revision == null ? "" : ":" + revision);
    }

    private static Object deepCopy(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((key, item) -> copy.put(key, deepCopy(item)));
                yield copy;
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(item -> copy.add(deepCopy(item)));
                yield copy;
            }
            case null -> null;
            default -> value;
        };
    }
}
