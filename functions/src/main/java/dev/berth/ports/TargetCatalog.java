package dev.berth.ports;

import dev.berth.domain.target.Target;
import java.util.List;

/** The registered targets: which ECS services follow which image repositories. */
public interface TargetCatalog {

    /** Every target following this repository (an {@code ImageReference#repositoryUri()}). */
    List<Target> following(String repository);

    void put(Target target);
}
