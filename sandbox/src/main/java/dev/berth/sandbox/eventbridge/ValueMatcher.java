package dev.berth.sandbox.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * One entry of the list a pattern gives for a field: a condition on the values the event has there.
 * An event's array is taken apart first, so every method sees single values (strings, numbers,
 * booleans, null), and the field matches when any of its values does.
 */
sealed interface ValueMatcher {

    /** Whether one value of the event's field satisfies this entry. */
    boolean matches(JsonNode value);

    /**
     * Whether the field, given as every leaf value the event has there (none when it is missing, an
     * object or an empty array), satisfies this entry.
     */
    default boolean matchesField(List<JsonNode> values) {
        return values.stream().anyMatch(this::matches);
    }

    /** A literal: strings and booleans exactly, numbers by value ({@code 5} is {@code 5.0}), null only null. */
    record Exact(JsonNode expected) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            if (expected.isNumber() && value.isNumber()) {
                return expected.decimalValue().compareTo(value.decimalValue()) == 0;
            }
            return expected.getNodeType() == value.getNodeType() && expected.equals(value);
        }
    }

    /** {@code {"prefix": "us-"}}, or with {@code {"equals-ignore-case": ...}} inside; strings only. */
    record Prefix(String prefix, boolean ignoreCase) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return value.isTextual() && value.asText().regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
        }
    }

    /** {@code {"suffix": ".png"}}, or with {@code {"equals-ignore-case": ...}} inside; strings only. */
    record Suffix(String suffix, boolean ignoreCase) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            if (!value.isTextual()) {
                return false;
            }
            String text = value.asText();
            int start = text.length() - suffix.length();
            return start >= 0 && text.regionMatches(ignoreCase, start, suffix, 0, suffix.length());
        }
    }

    /** {@code {"equals-ignore-case": "EventB"}}; strings only. */
    record EqualsIgnoreCase(String expected) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return value.isTextual() && value.asText().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
        }
    }

    /** {@code {"wildcard": "dir/*.png"}}; strings only. */
    record Wildcard(WildcardPattern pattern) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return value.isTextual() && pattern.matches(value.asText());
        }
    }

    /** {@code {"numeric": [">", 0, "<=", 5]}}; JSON numbers only, never a string that looks like one. */
    record Numeric(NumericRange range) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return value.isNumber() && range.contains(value.decimalValue());
        }
    }

    /**
     * {@code {"anything-but": ...}}: a value the field has that none of the excluded entries matches.
     * A missing field has no value, so it never matches.
     */
    record AnythingBut(List<ValueMatcher> excluded) implements ValueMatcher {
        public AnythingBut {
            excluded = List.copyOf(excluded);
        }

        @Override
        public boolean matches(JsonNode value) {
            return excluded.stream().noneMatch(matcher -> matcher.matches(value));
        }
    }

    /** {@code {"exists": true}} or {@code {"exists": false}}: about the field's presence as a leaf, not its values. */
    record Exists(boolean present) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return present;
        }

        @Override
        public boolean matchesField(List<JsonNode> values) {
            return present != values.isEmpty();
        }
    }
}
