package dev.berth.sandbox.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an event pattern's JSON into {@link PatternNode}s, refusing what EventBridge refuses (and the
 * one operator the sandbox does not model, {@code cidr}) with a message naming the field and the problem.
 */
final class PatternParser {

    private static final String OR = "$or";

    private PatternParser() {}

    static PatternNode.Fields parse(JsonNode pattern) {
        if (pattern == null || !pattern.isObject()) {
            throw new IllegalArgumentException("an event pattern must be a JSON object, got " + pattern);
        }
        return fields(pattern, "");
    }

    private static PatternNode.Fields fields(JsonNode object, String path) {
        if (object.isEmpty()) {
            throw new IllegalArgumentException(where(path) + ": a pattern object must name at least one field");
        }
        Map<String, PatternNode> fields = new LinkedHashMap<>();
        List<List<PatternNode.Fields>> anyOf = new ArrayList<>();
        for (var entry : object.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (name.equals(OR)) {
                anyOf.add(alternatives(value, fieldPath));
            } else if (value.isObject()) {
                fields.put(name, fields(value, fieldPath));
            } else if (value.isArray()) {
                fields.put(name, leaf(value, fieldPath));
            } else {
                throw new IllegalArgumentException(fieldPath + ": a pattern field takes a list of values or matchers, or an "
                        + "object of fields; got " + value);
            }
        }
        return new PatternNode.Fields(fields, anyOf);
    }

    private static List<PatternNode.Fields> alternatives(JsonNode value, String path) {
        if (!value.isArray() || value.size() < 2) {
            throw new IllegalArgumentException(path + ": $or takes a list of at least two pattern objects, got " + value);
        }
        List<PatternNode.Fields> branches = new ArrayList<>();
        for (JsonNode branch : value) {
            if (!branch.isObject()) {
                throw new IllegalArgumentException(path + ": every alternative of $or must be a pattern object, got " + branch);
            }
            branches.add(fields(branch, path.substring(0, path.length() - OR.length()).replaceAll("\\.$", "")));
        }
        return branches;
    }

    private static PatternNode.Leaf leaf(JsonNode list, String path) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException(path + ": an empty list matches nothing; give at least one value or matcher");
        }
        List<ValueMatcher> matchers = new ArrayList<>();
        for (JsonNode entry : list) {
            matchers.add(switch (entry.getNodeType()) {
                case STRING, NUMBER, BOOLEAN, NULL -> new ValueMatcher.Exact(entry);
                case OBJECT -> operator(entry, path);
                default -> throw new IllegalArgumentException(path + ": a list in a pattern holds values or matcher objects, "
                        + "not " + entry);
            });
        }
        return new PatternNode.Leaf(matchers);
    }

    private static ValueMatcher operator(JsonNode matcher, String path) {
        if (matcher.size() != 1) {
            throw new IllegalArgumentException(path + ": a matcher object has exactly one operator, got " + matcher);
        }
        var entry = matcher.properties().iterator().next();
        String operator = entry.getKey();
        JsonNode argument = entry.getValue();
        String where = path + " (" + operator + ")";
        return switch (operator) {
            case "prefix" -> affix(argument, where, true);
            case "suffix" -> affix(argument, where, false);
            case "equals-ignore-case" -> new ValueMatcher.EqualsIgnoreCase(text(argument, where));
            case "wildcard" -> new ValueMatcher.Wildcard(WildcardPattern.parse(text(argument, where), where));
            case "numeric" -> new ValueMatcher.Numeric(NumericRange.parse(argument, where));
            case "exists" -> {
                if (!argument.isBoolean()) {
                    throw new IllegalArgumentException(where + ": exists takes true or false, got " + argument);
                }
                yield new ValueMatcher.Exists(argument.booleanValue());
            }
            case "anything-but" -> anythingBut(argument, where);
            case "cidr" -> throw new IllegalArgumentException(where + ": cidr matching is not modelled by the Berth sandbox");
            default -> throw new IllegalArgumentException(path + ": unknown matcher '" + operator + "' (known: prefix, suffix, "
                    + "equals-ignore-case, wildcard, numeric, exists, anything-but)");
        };
    }

    /** {@code "text"} or {@code {"equals-ignore-case": "text"}}. */
    private static ValueMatcher affix(JsonNode argument, String where, boolean prefix) {
        boolean ignoreCase = false;
        JsonNode text = argument;
        if (argument.isObject()) {
            if (argument.size() != 1 || !argument.has("equals-ignore-case")) {
                throw new IllegalArgumentException(where + ": takes a string or {\"equals-ignore-case\": string}, got " + argument);
            }
            ignoreCase = true;
            text = argument.get("equals-ignore-case");
        }
        String value = text(text, where);
        return prefix ? new ValueMatcher.Prefix(value, ignoreCase) : new ValueMatcher.Suffix(value, ignoreCase);
    }

    /**
     * A string, a number, a list of strings only or of numbers only, or one of prefix, suffix,
     * equals-ignore-case, wildcard (the last two also with a list of strings).
     */
    private static ValueMatcher anythingBut(JsonNode argument, String where) {
        List<ValueMatcher> excluded = new ArrayList<>();
        if (argument.isTextual() || argument.isNumber()) {
            excluded.add(new ValueMatcher.Exact(argument));
        } else if (argument.isArray()) {
            if (argument.isEmpty()) {
                throw new IllegalArgumentException(where + ": anything-but takes a non-empty list");
            }
            boolean strings = argument.get(0).isTextual();
            for (JsonNode value : argument) {
                if (!(strings ? value.isTextual() : value.isNumber())) {
                    throw new IllegalArgumentException(where + ": an anything-but list holds strings only or numbers only, got "
                            + argument);
                }
                excluded.add(new ValueMatcher.Exact(value));
            }
        } else if (argument.isObject() && argument.size() == 1) {
            var inner = argument.properties().iterator().next();
            String innerWhere = where + "." + inner.getKey();
            switch (inner.getKey()) {
                case "prefix" -> excluded.add(new ValueMatcher.Prefix(text(inner.getValue(), innerWhere), false));
                case "suffix" -> excluded.add(new ValueMatcher.Suffix(text(inner.getValue(), innerWhere), false));
                case "equals-ignore-case" -> texts(inner.getValue(), innerWhere)
                        .forEach(text -> excluded.add(new ValueMatcher.EqualsIgnoreCase(text)));
                case "wildcard" -> texts(inner.getValue(), innerWhere)
                        .forEach(text -> excluded.add(new ValueMatcher.Wildcard(WildcardPattern.parse(text, innerWhere))));
                default -> throw new IllegalArgumentException(where + ": anything-but takes prefix, suffix, equals-ignore-case "
                        + "or wildcard inside, not '" + inner.getKey() + "'");
            }
        } else {
            throw new IllegalArgumentException(where + ": anything-but takes a string, a number, a list of strings or of "
                    + "numbers, or {prefix|suffix|equals-ignore-case|wildcard: ...}; got " + argument);
        }
        return new ValueMatcher.AnythingBut(excluded);
    }

    private static String text(JsonNode node, String where) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(where + ": takes a string, got " + node);
        }
        return node.asText();
    }

    private static List<String> texts(JsonNode node, String where) {
        if (node.isArray() && !node.isEmpty()) {
            List<String> texts = new ArrayList<>();
            node.forEach(element -> texts.add(text(element, where)));
            return texts;
        }
        return List.of(text(node, where));
    }

    private static String where(String path) {
        return path.isEmpty() ? "the pattern" : path;
    }
}
