package dev.berth.sandbox.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.berth.sandbox.logging.LogFile;
import java.nio.charset.StandardCharsets;

/**
 * The {@link LambdaLogger} of one invocation: lines go to the sandbox's Lambda log tagged with the
 * function and request id (CloudWatch's log group and stream, flattened), and are kept for
 * {@code LogType: Tail}.
 */
final class FunctionLogger implements LambdaLogger {

    /** Lambda returns the last 4 KB of an invocation's log for {@code LogType: Tail}. */
    static final int TAIL_BYTES = 4096;

    private final LogFile log;
    private final String prefix;
    private final StringBuilder captured = new StringBuilder();

    FunctionLogger(LogFile log, String functionName, String requestId) {
        this.log = log;
        this.prefix = functionName + " " + requestId + " ";
    }

    @Override
    public void log(String message) {
        write(message);
    }

    @Override
    public void log(byte[] message) {
        write(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
        write(level == LogLevel.UNDEFINED ? message : level + " " + message);
    }

    @Override
    public void log(byte[] message, LogLevel level) {
        log(new String(message, StandardCharsets.UTF_8), level);
    }

    void write(String message) {
        String line = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        log.line(prefix + line);
        synchronized (captured) {
            captured.append(line).append('\n');
            if (captured.length() > TAIL_BYTES * 2) {
                captured.delete(0, captured.length() - TAIL_BYTES);
            }
        }
    }

    /** The last 4 KB this invocation logged. */
    byte[] tail() {
        byte[] all;
        synchronized (captured) {
            all = captured.toString().getBytes(StandardCharsets.UTF_8);
        }
        return all.length <= TAIL_BYTES ? all : java.util.Arrays.copyOfRange(all, all.length - TAIL_BYTES, all.length);
    }
}
