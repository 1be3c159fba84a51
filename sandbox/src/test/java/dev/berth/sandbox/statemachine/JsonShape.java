package dev.berth.sandbox.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON a state machine path can rely on, structurally: objects with the fields they are sure to have,
 * strings (enum names or free text), numbers, booleans, arrays, literals, and "any" (a {@code JsonNode}).
 */
sealed interface JsonShape {

    /** How a reader names this shape in a problem. */
    String describe();

    /**
     * A field of an object: its shape, and why it may be missing ({@code absentWhen} empty: always there).
     * A Java {@code Optional} is left out of the JSON when empty; a field set on only some paths into a
     * state is missing on the others.
     */
    record Member(JsonShape shape, Optional<String> absentWhen) {
        static Member always(JsonShape shape) {
            return new Member(shape, Optional.empty());
        }

        static Member maybe(JsonShape shape, String why) {
            return new Member(shape, Optional.of(why));
        }

        boolean guaranteed() {
            return absentWhen.isEmpty();
        }
    }

    /**
     * An object. {@code literal}: written out in a payload template ({@code Parameters}), so a key that
     * is not a component of the record it fills is a mistake the mapper would silently ignore.
     */
    record Obj(String name, Map<String, Member> fields, boolean literal) implements JsonShape {
        public Obj {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String describe() {
            return name;
        }
    }

    /** A string; {@code javaType} says what it is in Java when that helps a message (an {@code Instant}). */
    record Str(String javaType) implements JsonShape {
        @Override
        public String describe() {
            return javaType.equals("String") ? "a string" : "a string (" + javaType + ")";
        }
    }

    /** A Java enum as Berth's mapper writes it: one of its constant names. */
    record EnumName(Class<?> type) implements JsonShape {
        Set<String> names() {
            var names = new LinkedHashSet<String>();
            for (Object constant : type.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return names;
        }

        @Override
        public String describe() {
            return "a " + type.getSimpleName() + " name " + names();
        }
    }

    /** A whole number. */
    record Int() implements JsonShape {
        @Override
        public String describe() {
            return "a whole number";
        }
    }

    /** Any number. */
    record Num() implements JsonShape {
        @Override
        public String describe() {
            return "a number";
        }
    }

    record Bool() implements JsonShape {
        @Override
        public String describe() {
            return "a boolean";
        }
    }

    record Arr(JsonShape items) implements JsonShape {
        @Override
        public String describe() {
            return "an array of " + items.describe();
        }
    }

    /** A literal of a payload template or a Pass state's Result: a scalar, null, or an array without objects. */
    record Literal(JsonNode value) implements JsonShape {
        @Override
        public String describe() {
            return "the literal " + value;
        }

        /** What the literal is, without its value. */
        JsonShape kind() {
            if (value.isTextual()) {
                return new Str("String");
            }
            if (value.isIntegralNumber()) {
                return new Int();
            }
            if (value.isNumber()) {
                return new Num();
            }
            if (value.isBoolean()) {
                return new Bool();
            }
            if (value.isArray()) {
                var items = new ArrayList<Labelled>();
                value.forEach(item -> items.add(new Labelled("", new Literal(item))));
                return new Arr(items.isEmpty() ? new Any("an empty array's item") : meet(items));
            }
            return this; // null
        }
    }

    /** Anything: a {@code JsonNode} or a map in Java. A path into it is not guaranteed to exist. */
    record Any(String what) implements JsonShape {
        @Override
        public String describe() {
            return "untyped (" + what + ")";
        }
    }

    /** Different things on different paths into a state. */
    record Mixed(String which) implements JsonShape {
        @Override
        public String describe() {
            return "different on different paths (" + which + ")";
        }
    }

    /** A shape arriving along one edge, with the edge's name for messages. */
    record Labelled(String label, JsonShape shape) {}

    /**
     * What is guaranteed whichever of these edges was taken: fields on every edge stay (and stay
     * guaranteed only if they are on each), fields missing on some edges become "maybe, not set when coming from ...".
     */
    static JsonShape meet(List<Labelled> arriving) {
        if (arriving.isEmpty()) {
            throw new IllegalArgumentException("nothing to meet");
        }
        JsonShape first = arriving.getFirst().shape();
        if (arriving.stream().allMatch(a -> a.shape().equals(first))) {
            return first;
        }
        if (arriving.stream().anyMatch(a -> a.shape() instanceof Mixed)) {
            return arriving.stream().map(Labelled::shape).filter(s -> s instanceof Mixed).findFirst().orElseThrow();
        }
        if (arriving.stream().anyMatch(a -> a.shape() instanceof Literal)) {
            var kinds = arriving.stream().map(a -> a.shape() instanceof Literal l ? new Labelled(a.label(), l.kind()) : a).toList();
            if (kinds.stream().noneMatch(k -> k.shape() instanceof Literal)) {
                return meet(kinds);
            } // else a null on some path: falls through to Mixed
        }
        if (arriving.stream().allMatch(a -> a.shape() instanceof Obj)) {
            return meetObjects(arriving);
        }
        if (arriving.stream().allMatch(a -> a.shape() instanceof Arr)) {
            return new Arr(meet(arriving.stream().map(a -> new Labelled(a.label(), ((Arr) a.shape()).items())).toList()));
        }
        if (arriving.stream().anyMatch(a -> a.shape() instanceof Any)) {
            return arriving.stream().map(Labelled::shape).filter(s -> s instanceof Any).findFirst().orElseThrow();
        }
        if (arriving.stream().allMatch(a -> a.shape() instanceof Int || a.shape() instanceof Num)) {
            return new Num();
        }
        if (arriving.stream().allMatch(a -> a.shape() instanceof Str || a.shape() instanceof EnumName)) {
            return new Str("String");
        }
        return new Mixed(arriving.stream().map(a -> a.shape().describe() + labelSuffix(a.label()))
                .collect(Collectors.joining(", ")));
    }

    private static JsonShape meetObjects(List<Labelled> arriving) {
        var keys = new LinkedHashSet<String>();
        arriving.forEach(a -> keys.addAll(((Obj) a.shape()).fields().keySet()));
        var fields = new LinkedHashMap<String, Member>();
        for (String key : keys) {
            var having = new ArrayList<Labelled>();
            var notSure = new ArrayList<String>();
            boolean somewhereSure = false;
            Optional<String> why = Optional.empty();
            for (Labelled a : arriving) {
                Member member = ((Obj) a.shape()).fields().get(key);
                if (member == null) {
                    notSure.add(a.label());
                    somewhereSure = true; // a missing field is the edge's own doing: name the edge
                } else {
                    having.add(new Labelled(a.label(), member.shape()));
                    if (member.guaranteed()) {
                        somewhereSure = true;
                    } else {
                        notSure.add(a.label());
                        why = why.or(member::absentWhen);
                    }
                }
            }
            // Maybe on every edge: keep the reason it was maybe (an Optional, say). Else name the edges
            // that do not bring it; never nest reasons, so that a loop cannot grow them without end.
            if (!notSure.isEmpty() && somewhereSure) {
                why = Optional.of("it is not set when coming from " + String.join(" or ", notSure));
            }
            fields.put(key, new Member(meet(having), why));
        }
        // A canonical name (sorted, each once): a name that grew on every turn of a loop would never settle.
        var names = arriving.stream().flatMap(a -> Arrays.stream(((Obj) a.shape()).name().split(" or "))).distinct().sorted().toList();
        boolean literal = arriving.stream().allMatch(a -> ((Obj) a.shape()).literal());
        return new Obj(String.join(" or ", names), fields, literal);
    }

    private static String labelSuffix(String label) {
        return label.isEmpty() ? "" : " from " + label;
    }
}
