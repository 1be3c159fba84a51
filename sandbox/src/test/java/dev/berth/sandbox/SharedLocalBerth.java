package dev.berth.sandbox;

/**
 * One Berth-on-sandbox for the whole test JVM: starting moto and DynamoDB Local once keeps the suite
 * fast. Tests isolate themselves by using their own cluster and service names. Closed when the JVM
 * exits (and moto cannot outlive the JVM anyway).
 */
public final class SharedLocalBerth {

    private static LocalBerth instance;

    private SharedLocalBerth() {}

    public static synchronized LocalBerth get() {
        if (instance == null) {
            LocalBerth started = LocalBerth.start(SandboxOptions.forThisProject()
                    .withLogDir(java.nio.file.Path.of("target", "sandbox-logs")), LocalBerth.Pace.demo());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "close-local-berth"));
            instance = started;
        }
        return instance;
    }
}
