package dev.berth.sandbox.ecs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which container images misbehave in this sandbox: an image matches an entry when it equals it, or
 * contains it (a repository name, a {@code :tag}, a {@code sha256:} digest). Anything unmatched is
 * healthy. Thread-safe: a test or the sandbox command line may change it while services roll.
 */
public final class Scenario {

    private record Entry(String match, ImageBehaviour behaviour) {}

    /** In insertion order; re-setting a match moves it to the end so "latest wins" holds on ties. */
    private final List<Entry> entries = new ArrayList<>();

    /** Makes images matching {@code imageMatch} behave as {@code behaviour} from now on. */
    public synchronized Scenario set(String imageMatch, ImageBehaviour behaviour) {
        Objects.requireNonNull(behaviour, "behaviour");
        if (imageMatch == null || imageMatch.isEmpty()) {
            throw new IllegalArgumentException("an image match must not be empty");
        }
        entries.removeIf(entry -> entry.match().equals(imageMatch));
        entries.add(new Entry(imageMatch, behaviour));
        return this;
    }

    /** Forgets what was set for exactly {@code imageMatch}. */
    public synchronized void remove(String imageMatch) {
        entries.removeIf(entry -> entry.match().equals(imageMatch));
    }

    /** Forgets every entry: every image is healthy again. */
    public synchronized void clear() {
        entries.clear();
    }

    /**
     * The behaviour of {@code image}: an exact match first, else the longest entry the image contains
     * (the most specific), else the most recently set of equally long ones, else healthy.
     */
    public synchronized ImageBehaviour behaviourOf(String image) {
        Optional<Entry> best = Optional.empty();
        for (Entry entry : entries) {
            if (entry.match().equals(image)) {
                return entry.behaviour();
            }
            if (image.contains(entry.match())
                    && (best.isEmpty() || entry.match().length() >= best.get().match().length())) {
                best = Optional.of(entry);
            }
        }
        return best.map(Entry::behaviour).orElseGet(ImageBehaviour::healthy);
    }

    /** What is set, in the order it was set. */
    public synchronized Map<String, ImageBehaviour> entries() {
        var copy = new LinkedHashMap<String, ImageBehaviour>();
        entries.forEach(entry -> copy.put(entry.match(), entry.behaviour()));
        return Collections.unmodifiableMap(copy);
    }
}
