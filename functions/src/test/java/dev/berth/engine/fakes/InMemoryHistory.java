package dev.berth.engine.fakes;

import dev.berth.domain.deployment.Deployment;
import dev.berth.ports.DeploymentHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * {@link DeploymentHistory} in a map, as the DynamoDB adapter behaves: a record is created once, an update
 * applies its change to the stored record (a missing one is a bug: IllegalStateException). Writes can be
 * made to fail, the way DynamoDB throttles or a network drops.
 */
public final class InMemoryHistory implements DeploymentHistory {

    private final Map<String, Deployment> records = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private int updates;
    private int failedUpdates;

    private record Failure(Predicate<Deployment> when, RuntimeException error, int[] left) {}

    @Override
    public boolean create(Deployment deployment) {
        return records.putIfAbsent(deployment.id(), deployment) == null;
    }

    @Override
    public Optional<Deployment> find(String deploymentId) {
        return Optional.ofNullable(records.get(deploymentId));
    }

    @Override
    public Deployment update(String deploymentId, UnaryOperator<Deployment> change) {
        Deployment current = find(deploymentId).orElseThrow(() -> new IllegalStateException("no deployment record " + deploymentId));
        Deployment changed = change.apply(current);
        for (Failure failure : failures) {
            if (failure.left()[0] > 0 && failure.when().test(changed)) {
                failure.left()[0]--;
                failedUpdates++;
                throw failure.error();
            }
        }
        updates++;
        records.put(deploymentId, changed);
        return changed;
    }

    @Override
    public List<Deployment> forService(String cluster, String service, int limit) {
        return records.values().stream()
                .filter(d -> d.cluster().equals(cluster) && d.service().equals(service))
                .sorted(Comparator.comparing(Deployment::startedAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<Deployment> inFlight() {
        return records.values().stream().filter(d -> !d.status().isFinal()).sorted(Comparator.comparing(Deployment::startedAt)).toList();
    }

    /** The next {@code times} updates whose result matches {@code when} throw {@code error} and store nothing. */
    public void failUpdates(Predicate<Deployment> when, int times, RuntimeException error) {
        failures.add(new Failure(when, error, new int[] {times}));
    }

    /** Stores a record as it is, the way another writer (or an older Berth) left it. */
    public void put(Deployment deployment) {
        records.put(deployment.id(), deployment);
    }

    public Deployment get(String deploymentId) {
        return find(deploymentId).orElseThrow(() -> new AssertionError("no record " + deploymentId));
    }

    public int updates() {
        return updates;
    }

    public int failedUpdates() {
        return failedUpdates;
    }
}
