package dev.berth.engine.fakes;

import dev.berth.domain.image.ImageReference;
import dev.berth.domain.platform.ImagePlatform;
import dev.berth.domain.platform.ImagePlatforms;
import dev.berth.ports.ImageRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A registry whose images are linux/amd64 unless a test says otherwise; it records what it was asked. */
public final class FakeRegistry implements ImageRegistry {

    private final Map<String, ImagePlatforms> byRepository = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    /** Images of {@code repositoryUri} are built for {@code platforms} (e.g. linux/arm64). */
    public void builtFor(String repositoryUri, String... platforms) {
        byRepository.put(repositoryUri, new ImagePlatforms.Known(
                java.util.Arrays.stream(platforms).map(ImagePlatform::parse).toList(), platforms.length > 1 ? "image index" : "image config"));
    }

    /** The registry cannot say what images of {@code repositoryUri} are built for. */
    public void cannotSay(String repositoryUri, String why) {
        byRepository.put(repositoryUri, new ImagePlatforms.Unknown(why));
    }

    @Override
    public ImagePlatforms platforms(ImageReference image) {
        asked.add(image.pinned());
        return byRepository.getOrDefault(image.repositoryUri(),
                new ImagePlatforms.Known(List.of(new ImagePlatform("linux", "amd64")), "image config"));
    }

    public List<String> asked() {
        return List.copyOf(asked);
    }
}
