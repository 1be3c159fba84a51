package dev.berth.domain.platform;

import java.util.List;

/** What a registry says of the platforms an image is built for. */
public sealed interface ImagePlatforms {

    /**
     * The image's platforms, and where they were read: {@code "image index"} (a multi-platform image lists
     * them) or {@code "image config"} (a single-platform image names its own).
     */
    record Known(List<ImagePlatform> platforms, String source) implements ImagePlatforms {
        public Known {
            platforms = List.copyOf(platforms);
        }
    }

    /** The registry could not say (not ECR, the config blob missing, no permission): {@code why}, for the record. */
    record Unknown(String why) implements ImagePlatforms {}
}
