package dev.berth.domain.platform;

import dev.berth.domain.InvalidInputException;
import java.util.Optional;

/**
 * A platform an image is built for, as OCI image indexes and image configs name it: {@code os},
 * {@code architecture}, an optional {@code variant} (arm64's v8, arm's v7) and, for Windows, the
 * {@code os.version} whose build a host must match.
 */
public record ImagePlatform(String os, String architecture, Optional<String> variant, Optional<String> osVersion) {

    public ImagePlatform {
        if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
            throw new InvalidInputException("an image platform needs an os and an architecture");
        }
        variant = variant == null ? Optional.empty() : variant.filter(v -> !v.isBlank());
        osVersion = osVersion == null ? Optional.empty() : osVersion.filter(v -> !v.isBlank());
    }

    public ImagePlatform(String os, String architecture) {
        this(os, architecture, Optional.empty(), Optional.empty());
    }

    /** {@code linux/arm64} or {@code linux/arm64/v8}, as {@code docker buildx --platform} writes it. */
    public static ImagePlatform parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new InvalidInputException("platform '" + text + "' is not os/architecture[/variant], e.g. linux/arm64");
        }
        return new ImagePlatform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty(), Optional.empty());
    }

    /**
     * Entries of an index that are not runnable images: BuildKit's attestation manifests are listed with
     * {@code unknown/unknown}.
     */
    public boolean runnable() {
        return !os.equals("unknown") && !architecture.equals("unknown");
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
