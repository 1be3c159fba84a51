package dev.berth.ports;

import dev.berth.domain.image.ImageReference;
import dev.berth.domain.platform.ImagePlatforms;

/** What the registry holding a pushed image says of it, before Berth deploys it. */
public interface ImageRegistry {

    /**
     * The platforms {@code image} is built for; {@link ImagePlatforms.Unknown} when the registry cannot say
     * (a registry Berth does not read, a missing config blob, no permission): a pre-flight that cannot check
     * says so rather than stopping a deployment that may be fine.
     *
     * @throws TransientAwsException when the registry did not answer (retried like any step)
     */
    ImagePlatforms platforms(ImageReference image);
}
