package dev.berth.domain.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform a revision's tasks run on, from its task definition's {@code runtimePlatform}
 * ({@code operatingSystemFamily} LINUX or a WINDOWS_SERVER_* family, {@code cpuArchitecture} X86_64 or
 * ARM64). Fargate runs a task definition that names none on LINUX/X86_64; on EC2 the instance decides, so
 * without a {@code runtimePlatform} nothing is known.
 */
public record RuntimePlatform(String operatingSystemFamily, String cpuArchitecture) {

    public static final RuntimePlatform FARGATE_DEFAULT = new RuntimePlatform("LINUX", "X86_64");

    /** The runtime platform of a task definition as DescribeTaskDefinition returns it (a JSON-shaped map). */
    public static Optional<RuntimePlatform> of(Map<String, Object> taskDefinition) {
        Object declared = taskDefinition == null ? null : taskDefinition.get("runtimePlatform");
        boolean fargate = taskDefinition != null && taskDefinition.get("requiresCompatibilities") instanceof List<?> list
                && list.contains("FARGATE");
        String family = declared instanceof Map<?, ?> m && m.get("operatingSystemFamily") instanceof String s ? s : null;
        String cpu = declared instanceof Map<?, ?> m && m.get("cpuArchitecture") instanceof String s ? s : null;
        if (family == null && cpu == null) {
            return fargate ? Optional.of(FARGATE_DEFAULT) : Optional.empty();
        }
        // Either one alone keeps ECS's default for the other.
        return Optional.of(new RuntimePlatform(family == null ? "LINUX" : family, cpu == null ? "X86_64" : cpu));
    }

    /** The OCI {@code os}: linux, or windows for every WINDOWS_SERVER_* family. */
    public String os() {
        return operatingSystemFamily.startsWith("WINDOWS_SERVER") ? "windows" : operatingSystemFamily.toLowerCase(java.util.Locale.ROOT);
    }

    /** The OCI {@code architecture}: amd64 for X86_64, arm64 for ARM64. */
    public String architecture() {
        return switch (cpuArchitecture) {
            case "X86_64" -> "amd64";
            case "ARM64" -> "arm64";
            default -> cpuArchitecture.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * The Windows build a container's {@code os.version} must start with on this family (a Windows container
     * runs only on a host of its own build); empty for Linux, and for a family whose build is not known here.
     */
    public Optional<String> windowsBuild() {
        return Optional.ofNullable(switch (operatingSystemFamily) {
            case "WINDOWS_SERVER_2016_FULL" -> "10.0.14393";
            case "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE" -> "10.0.17763";
            case "WINDOWS_SERVER_2004_CORE" -> "10.0.19041";
            case "WINDOWS_SERVER_20H2_CORE" -> "10.0.19042";
            case "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2022_CORE" -> "10.0.20348";
            case "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_2025_CORE" -> "10.0.26100";
            default -> null;
        });
    }

    /** Whether an image built for {@code platform} runs here. */
    public boolean runs(ImagePlatform platform) {
        return platform.os().equals(os()) && platform.architecture().equals(architecture())
                && windowsBuild().flatMap(build -> platform.osVersion().map(version -> version.equals(build)
                        || version.startsWith(build + "."))).orElse(true);
    }

    @Override
    public String toString() {
        return operatingSystemFamily + "/" + cpuArchitecture;
    }
}
