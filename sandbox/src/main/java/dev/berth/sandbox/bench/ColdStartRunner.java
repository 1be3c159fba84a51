package dev.berth.sandbox.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.crac.Resource;

/**
 * Runs one handler once in a fresh JVM, the way the Lambda Java runtime would on a cold start
 * (load class, construct, invoke), and prints how long that took from JVM start ({@code cold-start-ms}) and how
 * long the first request took on its own once the handler was built ({@code first-request-ms}: what a function
 * restored from a SnapStart snapshot still has to do), then the same request again ({@code second-request-ms}: the
 * calls' own latency on loaded code, the floor a first request can reach). With {@code --prime}, the handler's SnapStart hook
 * ({@code beforeCheckpoint}) runs between construction and the request, as it runs before the snapshot.
 * Handlers get the process environment, so {@code AWS_ENDPOINT_URL} points their real SDK calls at the sandbox.
 * Usage: {@code ColdStartRunner <handler class> <event file> [--prime]}.
 */
public final class ColdStartRunner {

    private ColdStartRunner() {}

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        boolean prime = args.length > 2 && args[2].equals("--prime");
        Class<?> type = Class.forName(args[0]);
        RequestStreamHandler handler = (RequestStreamHandler) (hasMapConstructor(type)
                ? type.getConstructor(Map.class).newInstance(System.getenv())
                : type.getConstructor().newInstance());
        if (prime) {
            // Berth's handlers expose their org.crac hook as priming(); run it as SnapStart would before the snapshot.
            ((Resource) type.getMethod("priming").invoke(handler)).beforeCheckpoint(null);
        }
        long requestStart = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        long requestNanos = System.nanoTime() - requestStart;
        long done = System.currentTimeMillis();
        // The same request again: the same AWS calls on loaded code, so what the emulator's answers cost on their own.
        long againStart = System.nanoTime();
        handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
        long againNanos = System.nanoTime() - againStart;
        System.out.println("cold-start-ms=" + (done - jvmStart));
        System.out.println("first-request-ms=" + requestNanos / 1_000_000);
        System.out.println("second-request-ms=" + againNanos / 1_000_000);
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
