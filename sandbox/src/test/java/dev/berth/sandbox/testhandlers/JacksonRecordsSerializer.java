package dev.berth.sandbox.testhandlers;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;

/** Test serializer: plain Jackson, which creates records; offered through META-INF/services only by the test that wants it. */
public final class JacksonRecordsSerializer implements CustomPojoSerializer {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public <T> T fromJson(InputStream input, Type type) {
        try {
            return mapper.readValue(input, mapper.constructType(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> T fromJson(String input, Type type) {
        try {
            return mapper.readValue(input, mapper.constructType(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> void toJson(T value, OutputStream output, Type type) {
        try {
            mapper.writerFor(mapper.constructType(type)).writeValue(output, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
