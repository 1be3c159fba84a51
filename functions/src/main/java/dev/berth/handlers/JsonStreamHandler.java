package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.berth.domain.InvalidInputException;
import dev.berth.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * A Lambda entry point that reads its input as JSON into a record and writes its result as JSON,
 * all through Berth's one mapper; the runtime passes the bytes untouched, so what {@code sam local
 * invoke -e file.json} sends is exactly what the handler parses.
 */
public abstract class JsonStreamHandler<I, O> implements RequestStreamHandler {

    private final Class<I> inputType;
    private final ObjectReader reader;

    protected JsonStreamHandler(Class<I> inputType) {
        this.inputType = inputType;
        // Built here, in Lambda's init phase: the mapper and the input type's deserializer are ready
        // before the first request when Lambda initialises ahead of traffic (provisioned concurrency, SnapStart).
        this.reader = Json.mapper().readerFor(inputType);
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
