package dev.berth.sandbox.ecs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which container images misbehave in this sandbox. Entries are {@link ImageSelector}s: a digest, a tag
 * or a repository, matched against what ECS resolved the task's image to (so a tag set before the push
 * applies to tasks running the image by digest); or, as {@link #set(String, ImageBehaviour)} takes, a
 * text some name of the image contains. The most specific matching entry wins (digest, tag, text,
 * repository; an exact name beats all), the latest set among equals; anything unmatched is healthy.
 * Thread-safe: a test or the sandbox's HTTP API may change it while services roll.
 */
public final class Scenario {

    /** One entry: which images, and how they behave. */
    public record Rule(ImageSelector selector, ImageBehaviour behaviour) {
        public Rule {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(behaviour, "behaviour");
        }
    }

    /** In insertion order; re-setting a selector moves it to the end so "latest wins" holds on ties. */
    private final List<Rule> rules = new ArrayList<>();

    /** Makes images some name of which contains {@code imageMatch} behave as {@code behaviour} from now on. */
    public Scenario set(String imageMatch, ImageBehaviour behaviour) {
        return set(ImageSelector.containing(imageMatch), behaviour);
    }

    /** Makes the images {@code selector} names behave as {@code behaviour} from now on (tasks launched from now). */
    public synchronized Scenario set(ImageSelector selector, ImageBehaviour behaviour) {
        Rule rule = new Rule(selector, behaviour);
        rules.removeIf(existing -> existing.selector().equals(selector));
        rules.add(rule);
        return this;
    }

    /** Forgets what was set for exactly {@code imageMatch}. */
    public void remove(String imageMatch) {
        remove(ImageSelector.containing(imageMatch));
    }

    /** Forgets what was set for exactly {@code selector}; false when nothing was. */
    public synchronized boolean remove(ImageSelector selector) {
        return rules.removeIf(rule -> rule.selector().equals(selector));
    }

    /** Forgets every entry: every image is healthy again. */
    public synchronized void clear() {
        rules.clear();
    }

    /** The behaviour of an image known only by its reference (nothing resolved from a registry). */
    public ImageBehaviour behaviourOf(String image) {
        return behaviourOf(ImageIdentity.of(image));
    }

    /** The behaviour of {@code image}: the most specific matching entry, the latest set among equals, else healthy. */
    public synchronized ImageBehaviour behaviourOf(ImageIdentity image) {
        Rule best = null;
        long bestScore = -1;
        for (Rule rule : rules) {
            long score = rule.selector().score(image);
            if (score >= 0 && score >= bestScore) {
                best = rule;
                bestScore = score;
            }
        }
        return best == null ? ImageBehaviour.healthy() : best.behaviour();
    }

    /** What is set, in the order it was set. */
    public synchronized List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** What is set, by how each selector is written, in the order it was set. */
    public synchronized Map<String, ImageBehaviour> entries() {
        var copy = new LinkedHashMap<String, ImageBehaviour>();
        rules.forEach(rule -> copy.put(rule.selector().text(), rule.behaviour()));
        return Collections.unmodifiableMap(copy);
    }
}
