package dev.berth.engine.fakes;

import dev.berth.domain.target.Target;
import dev.berth.ports.TargetCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link TargetCatalog} in a map keyed by {@code cluster/service}. */
public final class InMemoryTargets implements TargetCatalog {

    private final Map<String, Target> targets = new LinkedHashMap<>();

    @Override
    public List<Target> following(String repository) {
        return targets.values().stream().filter(t -> t.repository().equals(repository)).toList();
    }

    @Override
    public void put(Target target) {
        targets.put(target.key(), target);
    }
}
