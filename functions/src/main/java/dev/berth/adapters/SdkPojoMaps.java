package dev.berth.adapters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts SDK model objects to JSON-shaped maps keyed by wire names, and fills SDK builders from
 * such maps, by walking the SDK's own field metadata. A task definition copied this way keeps every
 * field the SDK knows, including ones added after this code was written.
 */
final class SdkPojoMaps {

    private SdkPojoMaps() {}

    static Map<String, Object> toMap(SdkPojo pojo) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
                continue; // never set: leave it out rather than send an empty list AWS may reject
            }
            out.put(field.locationName(), toPlain(value));
        }
        return out;
    }

    private static Object toPlain(Object value) {
        return switch (value) {
            case SdkPojo pojo -> toMap(pojo);
            case List<?> list -> list.stream().map(SdkPojoMaps::toPlain).toList();
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), toPlain(v)));
                yield out;
            }
            case SdkBytes bytes -> bytes.asByteArray();
            case Instant instant -> instant.toString();
            default -> value;
        };
    }

    /** Sets every field of {@code builder} that the map has a value for; unknown keys are not the builder's. */
    static <B extends SdkPojo> B fill(B builder, Map<String, ?> values) {
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = values.get(field.locationName());
            if (value != null) {
                set(field, builder, fromPlain(field, value));
            }
        }
        return builder;
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(SdkField<T> field, Object builder, Object value) {
        field.set(builder, (T) value);
    }

    private static Object fromPlain(SdkField<?> field, Object value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            fill(nested, asMap(field, value));
            return ((SdkBuilder<?, ?>) nested).build();
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            for (Object element : (List<?>) value) {
                out.add(fromPlain(member, element));
            }
            return out;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            asMap(field, value).forEach((k, v) -> out.put(k, fromPlain(valueField, v)));
            return out;
        }
        return scalar(type, field, value);
    }

    private static Object scalar(MarshallingType<?> type, SdkField<?> field, Object value) {
        if (type == MarshallingType.STRING) return String.valueOf(value);
        if (type == MarshallingType.INTEGER) return number(field, value).intValue();
        if (type == MarshallingType.LONG) return number(field, value).longValue();
        if (type == MarshallingType.DOUBLE) return number(field, value).doubleValue();
        if (type == MarshallingType.FLOAT) return number(field, value).floatValue();
        if (type == MarshallingType.BOOLEAN) {
            if (value instanceof Boolean b) return b;
            return Boolean.parseBoolean(String.valueOf(value));
        }
        if (type == MarshallingType.INSTANT) return value instanceof Instant i ? i : Instant.parse(String.valueOf(value));
        if (type == MarshallingType.SDK_BYTES) {
            return value instanceof byte[] b ? SdkBytes.fromByteArray(b) : SdkBytes.fromUtf8String(String.valueOf(value));
        }
        return value;
    }

    private static Number number(SdkField<?> field, Object value) {
        if (value instanceof Number n) return n;
        try {
            return new java.math.BigDecimal(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field " + field.locationName() + " must be a number, not '" + value + "'", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(SdkField<?> field, Object value) {
        if (value instanceof Map<?, ?> map) return (Map<String, Object>) map;
        throw new IllegalArgumentException("field " + field.locationName() + " must be an object, not '" + value + "'");
    }
}
