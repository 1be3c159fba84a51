package dev.berth.sandbox.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A parsed event pattern, node by node: objects of fields, and lists of matchers at the leaves. */
sealed interface PatternNode {

    /**
     * A pattern object: every field must match, and each {@code $or} must have a branch that does.
     *
     * @param anyOf the {@code $or} lists of this object, each a list of alternative objects
     */
    record Fields(Map<String, PatternNode> fields, List<List<Fields>> anyOf) implements PatternNode {

        public Fields {
            fields = Map.copyOf(fields);
            anyOf = anyOf.stream().map(List::copyOf).toList();
        }

        /** Whether the event object (or MissingNode where the event has none) matches. */
        boolean matches(JsonNode event) {
            for (var field : fields.entrySet()) {
                JsonNode value = event.isObject() ? event.path(field.getKey()) : MissingNode.getInstance();
                boolean matched = switch (field.getValue()) {
                    case Fields nested -> matchesNested(nested, value);
                    case Leaf leaf -> leaf.matches(leafValues(value));
                };
                if (!matched) {
                    return false;
                }
            }
            return anyOf.stream().allMatch(branches -> branches.stream().anyMatch(branch -> branch.matches(event)));
        }

        /**
         * A nested pattern against what the event has there. Under an array, one element must match the
         * whole nested pattern: fields of different elements are never combined (EventBridge's
         * array-consistent matching). Where the event has no object, only absence can match.
         */
        private static boolean matchesNested(Fields nested, JsonNode value) {
            List<JsonNode> objects = new ArrayList<>();
            collect(value, objects, true);
            if (objects.isEmpty()) {
                return nested.matches(MissingNode.getInstance());
            }
            return objects.stream().anyMatch(nested::matches);
        }

        /** The leaf values of an event field: its value, or its array's elements, arrays in arrays flattened; objects are not leaves. */
        private static List<JsonNode> leafValues(JsonNode value) {
            List<JsonNode> values = new ArrayList<>();
            collect(value, values, false);
            return values;
        }

        private static void collect(JsonNode value, List<JsonNode> into, boolean objects) {
            if (value.isArray()) {
                value.forEach(element -> collect(element, into, objects));
            } else if (value.isObject() == objects && !value.isMissingNode()) {
                into.add(value);
            }
        }
    }

    /** A field's list of matchers: the field matches when any of them does. */
    record Leaf(List<ValueMatcher> matchers) implements PatternNode {

        public Leaf {
            matchers = List.copyOf(matchers);
        }

        boolean matches(List<JsonNode> values) {
            return matchers.stream().anyMatch(matcher -> matcher.matchesField(values));
        }
    }
}
