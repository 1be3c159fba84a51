package dev.berth.sandbox.ecr;

import dev.berth.domain.InvalidInputException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The platform an image is built for, as OCI image indexes and image configs name it:
 * {@code os}, {@code architecture} and an optional {@code variant} ({@code linux/arm/v7}).
 */
public record ImagePlatform(String os, String architecture, Optional<String> variant) {

    private static final Pattern PART = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    public ImagePlatform {
        if (!PART.matcher(os).matches() || !PART.matcher(architecture).matches()
                || variant.filter(v -> !PART.matcher(v).matches()).isPresent()) {
            throw new InvalidInputException("a platform is os/architecture[/variant] in lower case, e.g. linux/arm64, got "
                    + os + "/" + architecture + variant.map(v -> "/" + v).orElse(""));
        }
    }

    public static ImagePlatform linuxAmd64() {
        return new ImagePlatform("linux", "amd64", Optional.empty());
    }

    /** {@code os/architecture[/variant]}, as {@code docker buildx --platform} takes it. */
    public static ImagePlatform parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidInputException("a platform is os/architecture[/variant], e.g. linux/arm64, got '" + text + "'");
        }
        return new ImagePlatform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
