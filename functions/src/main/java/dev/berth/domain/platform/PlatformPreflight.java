package dev.berth.domain.platform;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a pushed image can run where the service runs it, decided before anything is registered: an image
 * built on an arm64 laptop for an X86_64 Fargate service starts, and every task exits at once with
 * {@code exec format error}; ECS says only "Essential container in task exited".
 */
public final class PlatformPreflight {

    /** What the check found: a problem that stops the deployment, or the line the timeline records. */
    public sealed interface Result {
        String message();

        record Passed(String message) implements Result {}

        record NotChecked(String message) implements Result {}

        record Failed(String message) implements Result {}
    }

    private PlatformPreflight() {}

    /**
     * @param image    the image as people name it, e.g. {@code shop/web:1.2.0}
     * @param service  {@code cluster/service}
     * @param platform where the revision's tasks run; empty when the task definition does not say (EC2)
     */
    public static Result check(String image, ImagePlatforms platforms, String service, Optional<RuntimePlatform> platform) {
        if (platform.isEmpty()) {
            return new Result.NotChecked("platform of " + image + " not checked: the task definition of " + service
                    + " names no runtimePlatform and is not for Fargate, so its container instances decide");
        }
        RuntimePlatform runtime = platform.get();
        return switch (platforms) {
            case ImagePlatforms.Unknown unknown -> new Result.NotChecked("platform of " + image + " not checked: " + unknown.why());
            case ImagePlatforms.Known known -> {
                List<ImagePlatform> runnable = known.platforms().stream().filter(ImagePlatform::runnable).toList();
                if (runnable.isEmpty()) {
                    yield new Result.NotChecked("platform of " + image + " not checked: its " + known.source()
                            + " names no platform");
                }
                Optional<ImagePlatform> match = runnable.stream().filter(runtime::runs).findFirst();
                String names = runnable.stream().map(ImagePlatform::toString).distinct().collect(Collectors.joining(", "));
                if (match.isPresent()) {
                    yield new Result.Passed("image " + image + " has " + match.get() + " for " + runtime + " (" + known.source()
                            + (runnable.size() > 1 ? ": " + names : "") + ")");
                }
                yield new Result.Failed("image " + image + " is " + names + (runnable.size() == 1 ? " only" : "")
                        + "; service " + service + " runs " + runtime + windowsNote(runtime, runnable)
                        + ": build it for " + runtime.os() + "/" + runtime.architecture()
                        + " (docker buildx build --platform " + runtime.os() + "/" + runtime.architecture() + ")"
                        + " or set the task definition's runtimePlatform to match");
            }
        };
    }

    /** A Windows image of the right architecture but another build: say which build the family needs. */
    private static String windowsNote(RuntimePlatform runtime, List<ImagePlatform> images) {
        return runtime.windowsBuild().filter(build -> images.stream().anyMatch(image -> image.os().equals("windows")
                && image.architecture().equals(runtime.architecture())))
                .map(build -> " (Windows build " + build + "; the image's is " + images.stream()
                        .flatMap(image -> image.osVersion().stream()).distinct().collect(Collectors.joining(", ")) + ")")
                .orElse("");
    }
}
