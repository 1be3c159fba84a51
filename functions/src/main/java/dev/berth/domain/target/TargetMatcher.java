package dev.berth.domain.target;

import dev.berth.domain.image.ImageReference;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which targets a push releases to. */
public final class TargetMatcher {

    private static final Comparator<Target> BY_KEY = Comparator.comparing(Target::key)
            .thenComparing(Target::repository)
            .thenComparing(target -> target.tagPolicy().kind())
            .thenComparing(target -> target.tagPolicy().expression());

    private TargetMatcher() {}

    /**
     * The targets that follow the pushed repository and whose policy accepts the pushed tag, ordered by key.
     * A push without a tag releases to nothing: no policy follows an untagged image.
     */
    public static List<Target> matching(ImageReference pushed, Collection<Target> targets) {
        Optional<String> tag = pushed.tag();
        if (tag.isEmpty()) {
            return List.of();
        }
        return targets.stream()
                .filter(target -> target.repository().equals(pushed.repositoryUri()))
                .filter(target -> target.tagPolicy().matches(tag.get()))
                .sorted(BY_KEY)
                .toList();
    }
}
