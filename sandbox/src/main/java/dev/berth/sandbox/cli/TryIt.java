package dev.berth.sandbox.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The "try it" commands {@code ./berth sandbox} prints and the README shows: only the AWS CLI (and curl
 * for the sandbox's image behaviours) to create a service behind a load balancer, register a target,
 * push a good and a bad image and read the history. One text, in {@code sandbox/try-it.sh}.
 */
public final class TryIt {

    private static final String RESOURCE = "/sandbox/try-it.sh";

    private TryIt() {}

    /** The commands for a sandbox at {@code endpoint}. */
    public static String commands(URI endpoint) {
        return template().replace("${ENDPOINT}", endpoint.toString());
    }

    static String template() {
        try (InputStream in = TryIt.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the sandbox jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
