package dev.berth.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.sandbox.ecr.ImagePlatform;
import java.util.Locale;

/**
 * The platform a task runs on, from its task definition's {@code runtimePlatform}:
 * {@code operatingSystemFamily} (LINUX, WINDOWS_SERVER_2022_CORE, ...) and {@code cpuArchitecture}
 * (X86_64, ARM64).
 */
public record TaskPlatform(String operatingSystemFamily, String cpuArchitecture) {

    /** What Fargate runs a task on when its definition names no runtime platform. */
    public static TaskPlatform linuxX86() {
        return new TaskPlatform("LINUX", "X86_64");
    }

    /**
     * The platform of a task definition (as DescribeTaskDefinition shows it). Without a
     * {@code runtimePlatform}, Fargate runs LINUX on X86_64; EC2 places the task on whatever container
     * instance has room, and the sandbox assumes the usual x86_64 Linux instances (it models no
     * instances), so both default the same; {@code requiresCompatibilities} changes nothing here.
     */
    static TaskPlatform of(JsonNode taskDefinition) {
        JsonNode runtime = taskDefinition.path("runtimePlatform");
        return new TaskPlatform(runtime.path("operatingSystemFamily").asText("LINUX").toUpperCase(Locale.ROOT),
                runtime.path("cpuArchitecture").asText("X86_64").toUpperCase(Locale.ROOT));
    }

    /** Whether an image built for {@code image} runs here (the variant is not checked: ARM64 runs arm64/v8). */
    public boolean runs(ImagePlatform image) {
        return image.os().equals(os()) && image.architecture().equals(architecture());
    }

    /** As an image platform names it: {@code linux/amd64}, what containerd looks for in an index. */
    public String describe() {
        return os() + "/" + architecture();
    }

    private String os() {
        return operatingSystemFamily.startsWith("WINDOWS") ? "windows" : operatingSystemFamily.toLowerCase(Locale.ROOT);
    }

    private String architecture() {
        return switch (cpuArchitecture) {
            case "X86_64" -> "amd64";
            case "ARM64" -> "arm64";
            default -> cpuArchitecture.toLowerCase(Locale.ROOT);
        };
    }
}
