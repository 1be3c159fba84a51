package dev.berth.sandbox;

import java.nio.file.Path;

/** Where the tests find the project and put their sandboxes' logs. */
public final class TestPaths {

    private TestPaths() {}

    /** The project root: Maven passes it; an IDE run from the module directory finds it one level up. */
    public static Path projectRoot() {
        return Path.of(System.getProperty("berth.projectRoot", "..")).toAbsolutePath().normalize();
    }

    /** The test-only template (echo functions, a table, a small state machine). */
    public static Path testStack() {
        return projectRoot().resolve("sandbox/src/test/resources/test-stack/template.yaml");
    }

    /** Logs of a test sandbox, under the module's target directory. */
    public static Path logDir(String name) {
        return projectRoot().resolve("sandbox/target/sandbox-logs").resolve(name);
    }
}
