package dev.berth.sandbox.logging;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** A sandbox log (gateway calls, Lambda output): timestamped lines, flushed as written so {@code tail -f} follows along. */
public final class LogFile implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Path path;
    private final BufferedWriter writer;
    private boolean closed;

    private LogFile(Path path, BufferedWriter writer) {
        this.path = path;
        this.writer = writer;
    }

    /** Creates the log (and its directory), emptying a previous run's: each sandbox session reads on its own. */
    public static LogFile open(Path path) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            return new LogFile(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    /** Writes one line, prefixed with the time of day; a failing disk never fails the call being logged. */
    public synchronized void line(String text) {
        if (closed) {
            return;
        }
        try {
            writer.write(LocalTime.now().format(TIME));
            writer.write(' ');
            writer.write(text);
            writer.newLine();
            writer.flush();
        } catch (IOException ignored) {
            // Logging is a convenience; the sandbox keeps serving without it.
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                writer.close();
            } catch (IOException ignored) {
                // Nothing left to save.
            }
        }
    }
}
