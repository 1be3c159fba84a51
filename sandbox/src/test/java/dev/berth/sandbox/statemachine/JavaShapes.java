package dev.berth.sandbox.statemachine;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.berth.json.Json;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON shape of a Java type as Berth's one mapper ({@link Json#mapper()}) reads or writes it: property
 * names as Jackson sees them ({@code @JsonProperty} renames included), {@code Optional}s left out when
 * empty, enums as their names, {@code Instant}s as ISO text. Asked of Jackson rather than re-derived, so a
 * mapper setting that changes the JSON changes what the state machine is checked against.
 */
final class JavaShapes {

    private static final ObjectMapper MAPPER = Json.mapper();

    private JavaShapes() {}

    /** Asked once per type and direction: the checker asks again on every visit of a state. */
    private static final Map<Type, JsonShape> WRITTEN = new ConcurrentHashMap<>();
    private static final Map<Type, JsonShape> READ = new ConcurrentHashMap<>();

    /** What the mapper writes for a value of this type (a task's result, the execution input). */
    static JsonShape written(Type type) {
        return WRITTEN.computeIfAbsent(type, t -> shape(MAPPER.constructType(t), true, new HashSet<>()));
    }

    /** What the mapper reads into this type: the fields a request record takes, the optional ones marked. */
    static JsonShape read(Type type) {
        return READ.computeIfAbsent(type, t -> shape(MAPPER.constructType(t), false, new HashSet<>()));
    }

    private static JsonShape shape(JavaType type, boolean writing, Set<JavaType> enclosing) {
        Class<?> raw = type.getRawClass();
        if (type.isReferenceType()) {
            throw new IllegalArgumentException(type + " is only modelled as a record component (left out when empty)");
        }
        if (raw == String.class || raw == char.class || raw == Character.class) {
            return new JsonShape.Str("String");
        }
        if (raw == Instant.class) {
            return new JsonShape.Str("Instant");
        }
        if (raw.isEnum()) {
            return new JsonShape.EnumName(raw);
        }
        if (Set.of(int.class, long.class, short.class, byte.class, Integer.class, Long.class, Short.class, Byte.class,
                BigInteger.class).contains(raw)) {
            return new JsonShape.Int();
        }
        if (Set.of(double.class, float.class, Double.class, Float.class, BigDecimal.class).contains(raw)) {
            return new JsonShape.Num();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return new JsonShape.Bool();
        }
        if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return new JsonShape.Any(raw.getSimpleName());
        }
        if (type.isMapLikeType()) {
            return new JsonShape.Any("a map");
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return new JsonShape.Arr(shape(type.getContentType(), writing, enclosing));
        }
        if (type.isRecordType()) {
            return record(type, writing, enclosing);
        }
        throw new IllegalArgumentException("no JSON shape modelled for " + type + ": teach JavaShapes about it");
    }

    private static JsonShape record(JavaType type, boolean writing, Set<JavaType> enclosing) {
        if (!enclosing.add(type)) {
            throw new IllegalArgumentException(type + " contains itself: recursive records are not modelled");
        }
        var description = writing ? MAPPER.getSerializationConfig().introspect(type)
                : MAPPER.getDeserializationConfig().introspect(type);
        var fields = new LinkedHashMap<String, JsonShape.Member>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            // Read: what the canonical constructor takes. Written: every getter Jackson finds, accessors
            // beyond the components included (an is-method is written too).
            if (writing ? !property.couldSerialize() : !property.hasConstructorParameter()) {
                continue;
            }
            JavaType propertyType = property.getPrimaryType();
            String name = type.getRawClass().getSimpleName() + "." + property.getInternalName();
            if (propertyType.isReferenceType()) {
                fields.put(property.getName(), JsonShape.Member.maybe(shape(propertyType.getContentType(), writing, enclosing),
                        name + " is " + propertyType.getRawClass().getSimpleName() + "<"
                                + propertyType.getContentType().getRawClass().getSimpleName() + ">, left out of the JSON when empty"));
            } else {
                fields.put(property.getName(), JsonShape.Member.always(shape(propertyType, writing, enclosing)));
            }
        }
        enclosing.remove(type);
        return new JsonShape.Obj(type.getRawClass().getSimpleName(), fields, false);
    }
}
