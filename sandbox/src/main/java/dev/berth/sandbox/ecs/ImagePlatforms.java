package dev.berth.sandbox.ecs;

import dev.berth.sandbox.ecr.ImagePlatform;
import java.util.Set;

/**
 * Which platforms an image can run on, as the registry says: the platforms an image index lists, the
 * one a single image's config names, or unknown (an image the sandbox's registry does not hold, or
 * whose config was never uploaded), which runs anywhere.
 */
public sealed interface ImagePlatforms {

    /** An image index (or manifest list): the pull picks the entry for the task's platform, if any. */
    record Index(Set<ImagePlatform> platforms) implements ImagePlatforms {
        public Index {
            platforms = Set.copyOf(platforms);
        }
    }

    /** One image manifest, whose config says what it was built for; the pull takes it whatever that is. */
    record Single(ImagePlatform platform) implements ImagePlatforms {}

    record Unknown() implements ImagePlatforms {}

    static ImagePlatforms unknown() {
        return new Unknown();
    }
}
