package dev.berth.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.time.Instant;

/** The one JSON mapper setup of Berth: records in and out, unknown fields tolerated, ISO-8601 times. */
public final class Json {

    /**
     * Deeper than anything Berth reads (AWS events and Berth's own records nest a few levels): input
     * nested past it is rejected before it can cost a deep parse.
     */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Registered by hand: ServiceLoader discovery would scan the classpath on every cold start.
            .addModule(new Jdk8Module())
            // Instant is the only java.time type Berth maps. JavaTimeModule would construct its (de)serializers
            // for every java.time type, some 60 classes loaded on each cold start for nothing; these are the
            // ones it uses for Instant. Another java.time type fails loudly ("not supported by default"): add it here.
            .addModule(new SimpleModule("berth-java-time")
                    .addSerializer(Instant.class, InstantSerializer.INSTANCE)
                    .addDeserializer(Instant.class, InstantDeserializer.INSTANT))
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .build();

    private Json() {}

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as JSON; a value that cannot be written is a bug in Berth, thrown unchecked. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** JSON Berth wrote itself, read back; JSON it cannot read is a corrupt record, thrown unchecked. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + " from JSON: " + e.getOriginalMessage(), e);
        }
    }
}
