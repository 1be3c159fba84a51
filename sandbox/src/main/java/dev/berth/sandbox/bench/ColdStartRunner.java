package dev.berth.sandbox.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one handler once in a fresh JVM, the way the Lambda Java runtime would on a cold start
 * (load class, construct, invoke), and prints how long that took from JVM start. Handlers get the
 * process environment, so {@code AWS_ENDPOINT_URL} points their real SDK calls at the sandbox.
 * Usage: {@code ColdStartRunner <handler class> <event file>}.
 */
public final class ColdStartRunner {

    private ColdStartRunner() {}

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Class<?> type = Class.forName(args[0]);
        RequestStreamHandler handler = (RequestStreamHandler) (hasMapConstructor(type)
                ? type.getConstructor(Map.class).newInstance(System.getenv())
                : type.getConstructor().newInstance());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))), out, null);
        long done = System.currentTimeMillis();
        System.out.println("cold-start-ms=" + (done - jvmStart));
        System.out.println("response=" + out.toString(StandardCharsets.UTF_8));
    }

    private static boolean hasMapConstructor(Class<?> type) {
        try {
            type.getConstructor(Map.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
