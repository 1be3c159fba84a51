package dev.berth.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.domain.InvalidInputException;
import dev.berth.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A Lambda entry point that reads its input as JSON into a record and writes its result as JSON,
 * all through Berth's one mapper; the runtime passes the bytes untouched, so what {@code sam local
 * invoke -e file.json} sends is exactly what the handler parses.
 */
public abstract class JsonStreamHandler<I, O> implements RequestStreamHandler {

    private final Class<I> inputType;

    protected JsonStreamHandler(Class<I> inputType) {
        this.inputType = inputType;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        I request;
        try {
            request = Json.mapper().readValue(input, inputType);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("input is not a valid " + inputType.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
        if (request == null) {
            throw new InvalidInputException("input is empty: expected a " + inputType.getSimpleName() + " JSON object");
        }
        O result = handle(request, context);
        Json.mapper().writeValue(output, result);
    }

    protected abstract O handle(I request, Context context);
}
