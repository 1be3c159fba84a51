package dev.berth.sandbox.ecs;

import java.util.List;
import java.util.Optional;

/**
 * How images behave in a running sandbox, by the names users give them ({@code shop/web},
 * {@code shop/web:1.2.0}, {@code shop/web@sha256:...}): the {@link Scenario} new tasks follow, and
 * the data plane's running tasks when a change is to apply to them too. What the sandbox's
 * {@code /_berth/images} HTTP API and the tests use.
 */
public final class ImageBehaviours {

    private final Scenario scenario;
    private final EcsDataPlane plane;

    public ImageBehaviours(Scenario scenario, EcsDataPlane plane) {
        this.scenario = scenario;
        this.plane = plane;
    }

    /**
     * Tasks launched from now on with an image {@code image} names behave as {@code behaviour}.
     *
     * @throws dev.berth.domain.InvalidInputException when {@code image} is not an image reference
     */
    public void set(String image, ImageBehaviour behaviour) {
        scenario.set(ImageSelector.parse(image), behaviour);
    }

    /**
     * As {@link #set}, and tasks already running such an image behave so from now on (their health
     * checks start failing, a crash stops them): returns how many running tasks changed.
     */
    public int setIncludingRunning(String image, ImageBehaviour behaviour) {
        ImageSelector selector = ImageSelector.parse(image);
        scenario.set(selector, behaviour);
        return plane.applyToRunningTasks(selector);
    }

    /** What is set for exactly {@code image}, if anything. */
    public Optional<Scenario.Rule> get(String image) {
        ImageSelector selector = ImageSelector.parse(image);
        return scenario.rules().stream().filter(rule -> rule.selector().equals(selector)).findFirst();
    }

    /** Forgets what was set for exactly {@code image} (new tasks of it are healthy again); false when nothing was. */
    public boolean forget(String image) {
        return scenario.remove(ImageSelector.parse(image));
    }

    /** Everything set, in the order it was set. */
    public List<Scenario.Rule> list() {
        return scenario.rules();
    }

    /** Forgets everything: every image launched from now on is healthy. */
    public void clear() {
        scenario.clear();
    }
}
