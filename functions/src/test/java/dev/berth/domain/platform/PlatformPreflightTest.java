package dev.berth.domain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.domain.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Whether a pushed image runs where the service runs it: every case of the pre-flight, as a table. */
class PlatformPreflightTest {

    static final String IMAGE = "shop/web:1.2.0";
    static final String SERVICE = "demo/web";
    static final Optional<RuntimePlatform> X86 = Optional.of(RuntimePlatform.FARGATE_DEFAULT);
    static final Optional<RuntimePlatform> ARM = Optional.of(new RuntimePlatform("LINUX", "ARM64"));
    static final Optional<RuntimePlatform> WIN2019 = Optional.of(new RuntimePlatform("WINDOWS_SERVER_2019_CORE", "X86_64"));
    static final Optional<RuntimePlatform> WIN2022 = Optional.of(new RuntimePlatform("WINDOWS_SERVER_2022_FULL", "X86_64"));

    static ImagePlatforms index(String... platforms) {
        return new ImagePlatforms.Known(Arrays.stream(platforms).map(PlatformPreflightTest::platform).toList(), "image index");
    }

    static ImagePlatforms config(String platform) {
        return new ImagePlatforms.Known(List.of(platform(platform)), "image config");
    }

    /** {@code os/arch[/variant][@os.version]}. */
    static ImagePlatform platform(String text) {
        String[] versioned = text.split("@", 2);
        ImagePlatform parsed = ImagePlatform.parse(versioned[0]);
        return new ImagePlatform(parsed.os(), parsed.architecture(), parsed.variant(),
                versioned.length > 1 ? Optional.of(versioned[1]) : Optional.empty());
    }

    static Stream<Arguments> cases() {
        String fix = ": build it for linux/amd64 (docker buildx build --platform linux/amd64) or set the task definition's"
                + " runtimePlatform to match";
        return Stream.of(
                arguments("a single-platform image for the service's platform", config("linux/amd64"), X86,
                        new PlatformPreflight.Result.Passed("image shop/web:1.2.0 has linux/amd64 for LINUX/X86_64 (image config)")),
                arguments("an arm64 laptop's image for an X86_64 Fargate service", config("linux/arm64"), X86,
                        new PlatformPreflight.Result.Failed("image shop/web:1.2.0 is linux/arm64 only; service demo/web runs LINUX/X86_64" + fix)),
                arguments("an index with several platforms, the service's among them", index("linux/arm64/v8", "linux/amd64"), X86,
                        new PlatformPreflight.Result.Passed("image shop/web:1.2.0 has linux/amd64 for LINUX/X86_64"
                                + " (image index: linux/arm64/v8, linux/amd64)")),
                arguments("an index for ARM64 matches arm64 whatever its variant", index("linux/amd64", "linux/arm64/v8"), ARM,
                        new PlatformPreflight.Result.Passed("image shop/web:1.2.0 has linux/arm64/v8 for LINUX/ARM64"
                                + " (image index: linux/amd64, linux/arm64/v8)")),
                arguments("an index without the service's platform names them all", index("linux/arm64", "linux/arm/v7"), X86,
                        new PlatformPreflight.Result.Failed("image shop/web:1.2.0 is linux/arm64, linux/arm/v7; service demo/web runs"
                                + " LINUX/X86_64" + fix)),
                arguments("BuildKit's attestation entries are not platforms", index("linux/arm64", "unknown/unknown"), X86,
                        new PlatformPreflight.Result.Failed("image shop/web:1.2.0 is linux/arm64 only; service demo/web runs LINUX/X86_64" + fix)),
                arguments("an index of attestations only says nothing", index("unknown/unknown"), X86,
                        new PlatformPreflight.Result.NotChecked("platform of shop/web:1.2.0 not checked: its image index names no platform")),
                arguments("a Linux image for a Windows service", config("linux/amd64"), WIN2019,
                        new PlatformPreflight.Result.Failed("image shop/web:1.2.0 is linux/amd64 only; service demo/web runs"
                                + " WINDOWS_SERVER_2019_CORE/X86_64: build it for windows/amd64 (docker buildx build --platform"
                                + " windows/amd64) or set the task definition's runtimePlatform to match")),
                arguments("a Windows image of the family's build", config("windows/amd64@10.0.17763.5458"), WIN2019,
                        new PlatformPreflight.Result.Passed("image shop/web:1.2.0 has windows/amd64 for WINDOWS_SERVER_2019_CORE/X86_64"
                                + " (image config)")),
                arguments("a Windows image of another build: the build is named", config("windows/amd64@10.0.17763.5458"), WIN2022,
                        new PlatformPreflight.Result.Failed("image shop/web:1.2.0 is windows/amd64 only; service demo/web runs"
                                + " WINDOWS_SERVER_2022_FULL/X86_64 (Windows build 10.0.20348; the image's is 10.0.17763.5458):"
                                + " build it for windows/amd64 (docker buildx build --platform windows/amd64) or set the task"
                                + " definition's runtimePlatform to match")),
                arguments("a Windows index holding both builds", index("windows/amd64@10.0.17763.5458", "windows/amd64@10.0.20348.2227"),
                        WIN2022, new PlatformPreflight.Result.Passed("image shop/web:1.2.0 has windows/amd64 for WINDOWS_SERVER_2022_FULL/X86_64"
                                + " (image index: windows/amd64)")),
                arguments("the registry cannot say", new ImagePlatforms.Unknown("the config blob answered HTTP 403"), X86,
                        new PlatformPreflight.Result.NotChecked("platform of shop/web:1.2.0 not checked: the config blob answered HTTP 403")),
                arguments("an EC2 task definition without a runtimePlatform: the instances decide", config("linux/arm64"), Optional.empty(),
                        new PlatformPreflight.Result.NotChecked("platform of shop/web:1.2.0 not checked: the task definition of demo/web"
                                + " names no runtimePlatform and is not for Fargate, so its container instances decide")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checksTheImageAgainstWhereTheServiceRunsIt(String why, ImagePlatforms image, Optional<RuntimePlatform> runtime,
                                                   PlatformPreflight.Result expected) {
        assertThat(PlatformPreflight.check(IMAGE, image, SERVICE, runtime)).isEqualTo(expected);
    }

    static Stream<Arguments> taskDefinitions() {
        return Stream.of(
                arguments("Fargate naming nothing runs LINUX/X86_64", Map.of("requiresCompatibilities", List.of("FARGATE")), X86),
                arguments("a declared runtimePlatform wins", Map.of("requiresCompatibilities", List.of("FARGATE"),
                        "runtimePlatform", Map.of("cpuArchitecture", "ARM64", "operatingSystemFamily", "LINUX")), ARM),
                arguments("only the architecture: Linux", Map.of("runtimePlatform", Map.of("cpuArchitecture", "ARM64")), ARM),
                arguments("only the family: X86_64", Map.of("runtimePlatform", Map.of("operatingSystemFamily", "WINDOWS_SERVER_2019_CORE")),
                        WIN2019),
                arguments("EC2 naming nothing: unknown", Map.of("requiresCompatibilities", List.of("EC2")), Optional.empty()),
                arguments("nothing at all: unknown", Map.of(), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskDefinitions")
    void readsWhereATaskDefinitionRuns(String why, Map<String, Object> definition, Optional<RuntimePlatform> expected) {
        assertThat(RuntimePlatform.of(definition)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "linux/amd64, linux, amd64, ''",
        "linux/arm64/v8, linux, arm64, v8",
        "windows/amd64, windows, amd64, ''",
    })
    void readsPlatformsAsBuildxWritesThem(String text, String os, String architecture, String variant) {
        ImagePlatform platform = ImagePlatform.parse(text);

        assertThat(platform.os()).isEqualTo(os);
        assertThat(platform.architecture()).isEqualTo(architecture);
        assertThat(platform.variant()).isEqualTo(variant.isEmpty() ? Optional.empty() : Optional.of(variant));
        assertThat(platform).hasToString(text);
    }

    @ParameterizedTest
    @CsvSource(value = {"linux", "linux/", "/amd64", "linux/arm64/v8/extra", "''"}, nullValues = "null")
    void refusesWhatIsNotAPlatform(String text) {
        assertThatThrownBy(() -> ImagePlatform.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not os/architecture[/variant], e.g. linux/arm64");
    }

    @Test
    void namesTheOciArchitectureOfEachCpu() {
        assertThat(new RuntimePlatform("LINUX", "X86_64").architecture()).isEqualTo("amd64");
        assertThat(new RuntimePlatform("LINUX", "ARM64").architecture()).isEqualTo("arm64");
        assertThat(new RuntimePlatform("WINDOWS_SERVER_2022_CORE", "X86_64").os()).isEqualTo("windows");
    }
}
