package dev.berth.sandbox.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.ControlBodies;
import dev.berth.sandbox.gateway.ControlRequestException;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON of {@code /_berth/faults}: a rule as {@code {"service", "action", "function", "bodyContains",
 * "status", "errorCode", "message", "count" | "ratio"}}, and a rule's status with its {@code id},
 * {@code matched} and {@code fired} counts.
 */
final class FaultRuleJson {

    private static final Set<String> FIELDS = Set.of("service", "action", "function", "bodyContains", "status",
            "errorCode", "message", "count", "ratio");

    private FaultRuleJson() {}

    /** Reads a POST body; every problem is a 400 naming the field. */
    static FaultRule rule(byte[] body) {
        ObjectNode object = ControlBodies.object(body, FIELDS, "{\"service\": \"dynamodb\", \"action\": \"PutItem\", \"errorCode\": \"InternalServerError\"}");
        String service = text(object, "service").orElseThrow(() -> bad("InvalidRequest",
                "\"service\" is required: the signing name of the service whose calls fail (dynamodb, ecs, "
                        + "elasticloadbalancing, states, events, lambda...)"));
        Optional<String> errorCode = text(object, "errorCode");
        OptionalIntField status = OptionalIntField.of(object, "status");
        if (errorCode.isEmpty() && status.value().filter(code -> code < 500).isPresent()) {
            throw bad("InvalidRequest", "a 4xx fault needs an \"errorCode\" (e.g. ThrottlingException)");
        }
        FaultRule rule = FaultRule.failing(service);
        try {
            if (errorCode.isPresent()) {
                rule = status.value().isPresent() ? rule.withError(status.value().get(), errorCode.get())
                        : rule.withError(errorCode.get());
            } else if (status.value().isPresent()) {
                String code = status.value().get() == 503 ? "ServiceUnavailable" : "InternalFailure";
                rule = rule.withError(status.value().get(), code);
            }
            rule = text(object, "action").map(rule::withAction).orElse(rule);
            rule = text(object, "function").map(rule::fromFunction).orElse(rule);
            rule = text(object, "bodyContains").map(rule::whenBodyContains).orElse(rule);
            rule = text(object, "message").map(rule::withMessage).orElse(rule);
            if (object.has("count") && object.has("ratio")) {
                throw bad("InvalidRequest", "give \"count\" (the first n matching calls fail) or \"ratio\" "
                        + "(a share of them fails), not both");
            }
            OptionalIntField count = OptionalIntField.of(object, "count");
            if (count.value().isPresent()) {
                rule = rule.times(count.value().get());
            }
            if (object.has("ratio")) {
                JsonNode ratio = object.get("ratio");
                if (!ratio.isNumber()) {
                    throw bad("InvalidRequest", "\"ratio\" must be a number above 0 and at most 1");
                }
                rule = rule.ratio(ratio.asDouble());
            }
        } catch (IllegalArgumentException e) {
            throw bad("InvalidRequest", e.getMessage());
        }
        return rule;
    }

    static ObjectNode status(FaultInjector.FaultStatus status) {
        FaultRule rule = status.rule();
        ObjectNode node = Json.mapper().createObjectNode().put("id", status.id()).put("service", rule.service());
        rule.action().ifPresent(action -> node.put("action", action));
        rule.function().ifPresent(function -> node.put("function", function));
        rule.bodyContains().ifPresent(text -> node.put("bodyContains", text));
        node.put("status", rule.status()).put("errorCode", rule.errorCode()).put("message", rule.message());
        switch (rule.budget()) {
            case FaultRule.Budget.Always a -> { }
            case FaultRule.Budget.Times(int count) -> node.put("count", count);
            case FaultRule.Budget.Share(double ratio) -> node.put("ratio", ratio);
        }
        return node.put("matched", status.matched()).put("fired", status.fired());
    }

    private static Optional<String> text(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw bad("InvalidRequest", "\"" + field + "\" must be a non-empty string");
        }
        return Optional.of(value.asText());
    }

    /** An optional whole-number field. */
    private record OptionalIntField(Optional<Integer> value) {
        static OptionalIntField of(ObjectNode object, String field) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                return new OptionalIntField(Optional.empty());
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw bad("InvalidRequest", "\"" + field + "\" must be a whole number");
            }
            return new OptionalIntField(Optional.of(value.asInt()));
        }
    }

    private static ControlRequestException bad(String code, String message) {
        return ControlRequestException.badRequest(code, message);
    }
}
