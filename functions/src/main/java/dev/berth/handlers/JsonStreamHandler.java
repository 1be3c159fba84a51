package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.berth.domain.InvalidInputException;
import dev.berth.engine.EnginePorts;
import dev.berth.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A Lambda entry point that reads its input as JSON into a record and writes its result as JSON,
 * all through Berth's one mapper; the runtime passes the bytes untouched, so what {@code sam local
 * invoke -e file.json} sends is exactly what the handler parses.
 */
public abstract class JsonStreamHandler<I, O> implements RequestStreamHandler {

    private final Class<I> inputType;
    private final ObjectReader reader;
    private final EnginePorts ports;
    /** Held here: org.crac keeps registered resources weakly. */
    private final Priming priming;

    protected JsonStreamHandler(Class<I> inputType, EnginePorts ports) {
        this.inputType = inputType;
        // Built here, in Lambda's init phase: the mapper and the input type's deserializer are ready
        // before the first request when Lambda initialises ahead of traffic (provisioned concurrency, SnapStart).
        this.reader = Json.mapper().readerFor(inputType);
        this.ports = ports;
        this.priming = Priming.register(this);
    }

    /** This instance's SnapStart hook (registered with org.crac; tests run it directly). */
    public final Priming priming() {
        return priming;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        I request;
        try {
            request = reader.readValue(input);
        } catch (JsonProcessingException e) {
            String reason = "input is not a valid " + inputType.getSimpleName() + ": " + oneLine(e.getOriginalMessage());
            Optional<O> answer = unreadable(reason);
            if (answer.isPresent()) {
                Json.mapper().writeValue(output, answer.get());
                return;
            }
            throw new InvalidInputException(reason);
        }
        if (request == null) {
            throw new InvalidInputException("input is empty: expected a " + inputType.getSimpleName() + " JSON object");
        }
        O result = handle(request, context);
        Json.mapper().writeValue(output, result);
    }

    protected abstract O handle(I request, Context context);

    /** What priming exercises for this function (see {@link Priming}): small, real, and calling nothing. */
    protected abstract Priming.Sample<O> primingSample();

    /**
     * The part of the request path after reading that needs no port (parsing an event into the domain's
     * terms), run on the primed request; by default nothing. It must not call a port.
     */
    protected void primeRequest(I request) {
    }

    /**
     * Priming before a SnapStart snapshot: the SDK clients of the ports the function calls are built (no
     * request is sent), the sample request is read through this handler's reader and the sample answer
     * written through the mapper this handler answers with.
     */
    final void prime() throws IOException {
        Priming.Sample<O> sample = primingSample();
        if (ports instanceof Ports aws) {
            aws.buildClientsUpFront();
        }
        sample.ports().forEach(port -> port.apply(ports));
        if (ports instanceof Ports aws) {
            aws.primeCalls();
        }
        I request = reader.readValue(sample.request().getBytes(StandardCharsets.UTF_8));
        if (request == null) {
            throw new IllegalStateException(getClass().getSimpleName() + "'s priming request is empty");
        }
        primeRequest(request);
        Json.mapper().writeValue(OutputStream.nullOutputStream(), sample.answer());
    }

    /**
     * The answer to input that is not JSON of the expected shape; empty (the default) fails the
     * invocation. A trigger whose input cannot get better by retrying answers instead.
     */
    protected Optional<O> unreadable(String reason) {
        return Optional.empty();
    }

    private static String oneLine(String message) {
        String text = message == null ? "unreadable" : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
