package dev.berth.sandbox.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The interval of a {@code numeric} matcher: {@code ["=", x]}, one bound ({@code ["<", 10]}), or a
 * lower and an upper bound in that order ({@code [">", 0, "<=", 5]}). (Older EventBridge documentation
 * limits the numbers to ±5.0e9; its engine today takes any JSON number, and so does this.)
 */
record NumericRange(Optional<Bound> lower, Optional<Bound> upper) {

    /** One end of the interval. */
    record Bound(BigDecimal value, boolean inclusive) {}

    boolean contains(BigDecimal value) {
        boolean aboveLower = lower.map(b -> b.inclusive() ? value.compareTo(b.value()) >= 0 : value.compareTo(b.value()) > 0)
                .orElse(true);
        boolean belowUpper = upper.map(b -> b.inclusive() ? value.compareTo(b.value()) <= 0 : value.compareTo(b.value()) < 0)
                .orElse(true);
        return aboveLower && belowUpper;
    }

    /** Reads {@code ["op", number, ...]}; anything else is an error naming the problem. */
    static NumericRange parse(JsonNode spec, String where) {
        if (!spec.isArray() || (spec.size() != 2 && spec.size() != 4)) {
            throw new IllegalArgumentException(where + ": numeric takes [operator, number] or [lower operator, number, "
                    + "upper operator, number], got " + spec);
        }
        String firstOperator = operator(spec.get(0), where);
        BigDecimal first = number(spec.get(1), where);
        if (spec.size() == 2) {
            return switch (firstOperator) {
                case "=" -> new NumericRange(Optional.of(new Bound(first, true)), Optional.of(new Bound(first, true)));
                case ">", ">=" -> new NumericRange(Optional.of(new Bound(first, firstOperator.equals(">="))), Optional.empty());
                default -> new NumericRange(Optional.empty(), Optional.of(new Bound(first, firstOperator.equals("<="))));
            };
        }
        String secondOperator = operator(spec.get(2), where);
        BigDecimal second = number(spec.get(3), where);
        if (!(firstOperator.equals(">") || firstOperator.equals(">="))
                || !(secondOperator.equals("<") || secondOperator.equals("<="))) {
            throw new IllegalArgumentException(where + ": a numeric range is a lower bound ('>' or '>=') then an upper "
                    + "bound ('<' or '<='), got " + spec);
        }
        if (first.compareTo(second) >= 0) {
            throw new IllegalArgumentException(where + ": the numeric range's lower bound must be below its upper bound, got "
                    + spec);
        }
        return new NumericRange(Optional.of(new Bound(first, firstOperator.equals(">="))),
                Optional.of(new Bound(second, secondOperator.equals("<="))));
    }

    private static String operator(JsonNode node, String where) {
        String operator = node.isTextual() ? node.asText() : "";
        return switch (operator) {
            case "=", "<", "<=", ">", ">=" -> operator;
            default -> throw new IllegalArgumentException(where + ": unknown numeric operator " + node
                    + " (use =, <, <=, > or >=)");
        };
    }

    private static BigDecimal number(JsonNode node, String where) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException(where + ": numeric bounds must be JSON numbers, got " + node);
        }
        return node.decimalValue();
    }
}
