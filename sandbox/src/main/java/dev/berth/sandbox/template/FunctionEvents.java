package dev.berth.sandbox.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what decides how a function is invoked asynchronously: its {@code EventBridgeRule} events and
 * its {@code EventInvokeConfig}. What the sandbox cannot do faithfully (input transformers, queues SAM
 * would generate) is an error naming it.
 */
final class FunctionEvents {

    private static final Set<String> RULE_TYPES = Set.of("EventBridgeRule", "CloudWatchEvent");
    private static final Set<String> UNSUPPORTED_RULE_PROPERTIES = Set.of("Input", "InputPath", "InputTransformer");

    private final IntrinsicResolver resolver;

    FunctionEvents(IntrinsicResolver resolver) {
        this.resolver = resolver;
    }

    List<EventBridgeRuleEvent> eventBridgeRules(String functionLogicalId, Map<String, Object> properties) {
        List<EventBridgeRuleEvent> rules = new ArrayList<>();
        map(properties.getOrDefault("Events", Map.of()), functionLogicalId + ".Events").forEach((eventName, value) -> {
            String where = functionLogicalId + ".Events." + eventName;
            Map<String, Object> event = map(value, where);
            if (!RULE_TYPES.contains(String.valueOf(event.get("Type")))) {
                return; // Api, Schedule, SQS...: not an event pattern, nothing for the sandbox's EventBridge
            }
            Map<String, Object> raw = map(event.getOrDefault("Properties", Map.of()), where + ".Properties");
            Map<String, Object> rule = map(resolver.resolve(raw), where + ".Properties");
            for (String unsupported : UNSUPPORTED_RULE_PROPERTIES) {
                if (rule.containsKey(unsupported)) {
                    throw new TemplateException(where + "." + unsupported + ": the sandbox delivers whole events; it does not "
                            + "model " + unsupported);
                }
            }
            Object pattern = resolveKeepingNulls(raw.get("Pattern"));
            if (!(pattern instanceof Map<?, ?>)) {
                throw new TemplateException(where + " has no Pattern mapping");
            }
            rules.add(new EventBridgeRuleEvent(functionLogicalId, eventName,
                    Optional.ofNullable(rule.get("RuleName")).map(String::valueOf).orElse(functionLogicalId + eventName),
                    busName(Optional.ofNullable(rule.get("EventBusName")).map(String::valueOf).orElse("default")),
                    json(pattern, where + ".Pattern"),
                    !"DISABLED".equals(rule.get("State")),
                    retryPolicy(rule.get("RetryPolicy"), where + ".RetryPolicy"),
                    deadLetterQueue(rule.get("DeadLetterConfig"), where + ".DeadLetterConfig")));
        });
        return rules;
    }

    EventInvokeConfig eventInvokeConfig(String functionLogicalId, Map<String, Object> properties) {
        Object value = properties.get("EventInvokeConfig");
        if (value == null) {
            return EventInvokeConfig.DEFAULT;
        }
        String where = functionLogicalId + ".EventInvokeConfig";
        Map<String, Object> config = map(resolver.resolve(value), where);
        Map<String, Object> destinations = map(config.getOrDefault("DestinationConfig", Map.of()), where + ".DestinationConfig");
        return new EventInvokeConfig(
                number(config, "MaximumRetryAttempts", EventInvokeConfig.DEFAULT.maximumRetryAttempts(), where),
                number(config, "MaximumEventAgeInSeconds", EventInvokeConfig.DEFAULT.maximumEventAgeSeconds(), where),
                destination(destinations.get("OnSuccess"), where + ".DestinationConfig.OnSuccess"),
                destination(destinations.get("OnFailure"), where + ".DestinationConfig.OnFailure"));
    }

    /** The resolver turns a null into an empty string, as CloudFormation does for scalar properties; in a pattern, null is a value to match. */
    private Object resolveKeepingNulls(Object value) {
        return switch (value) {
            case null -> null;
            case Map<?, ?> map when map.size() == 1 && map.keySet().iterator().next() instanceof String key
                    && (key.equals("Ref") || key.startsWith("Fn::")) -> resolver.resolve(map);
            case Map<?, ?> map -> {
                var out = new java.util.LinkedHashMap<String, Object>();
                map.forEach((k, v) -> out.put(String.valueOf(k), resolveKeepingNulls(v)));
                yield out;
            }
            case List<?> list -> {
                var out = new ArrayList<Object>();
                list.forEach(element -> out.add(resolveKeepingNulls(element)));
                yield out;
            }
            default -> resolver.resolve(value);
        };
    }

    private static Optional<EventInvokeConfig.Destination> destination(Object value, String where) {
        if (value == null) {
            return Optional.empty();
        }
        Map<String, Object> destination = map(value, where);
        Object arn = destination.get("Destination");
        if (arn == null || String.valueOf(arn).isBlank()) {
            throw new TemplateException(where + " has no Destination: SAM would create the queue or topic itself, which the "
                    + "sandbox does not model; declare it and give its ARN");
        }
        String type = Optional.ofNullable(destination.get("Type")).map(String::valueOf)
                .orElseGet(() -> typeOf(String.valueOf(arn), where));
        return Optional.of(new EventInvokeConfig.Destination(type, String.valueOf(arn)));
    }

    /** Lambda tells the destination's kind from its ARN when the template does not say. */
    private static String typeOf(String arn, String where) {
        String[] parts = arn.split(":");
        String service = parts.length > 2 ? parts[2] : "";
        return switch (service) {
            case "sqs" -> "SQS";
            case "sns" -> "SNS";
            case "lambda" -> "Lambda";
            case "events" -> "EventBridge";
            case "s3" -> "S3";
            default -> throw new TemplateException(where + ": cannot tell the destination's type from " + arn);
        };
    }

    private static EventBridgeRuleEvent.RetryPolicy retryPolicy(Object value, String where) {
        if (value == null) {
            return EventBridgeRuleEvent.RetryPolicy.DEFAULT;
        }
        Map<String, Object> policy = map(value, where);
        return new EventBridgeRuleEvent.RetryPolicy(
                number(policy, "MaximumRetryAttempts", EventBridgeRuleEvent.RetryPolicy.DEFAULT.maximumRetryAttempts(), where),
                number(policy, "MaximumEventAgeInSeconds", EventBridgeRuleEvent.RetryPolicy.DEFAULT.maximumEventAgeSeconds(), where));
    }

    private static Optional<String> deadLetterQueue(Object value, String where) {
        if (value == null) {
            return Optional.empty();
        }
        Object arn = map(value, where).get("Arn");
        if (arn == null) {
            throw new TemplateException(where + " has no Arn: SAM would create the queue itself (Type: SQS), which the sandbox "
                    + "does not model; declare the queue and give its ARN");
        }
        return Optional.of(String.valueOf(arn));
    }

    /** A bus is named by name or by ARN ({@code arn:aws:events:region:account:event-bus/name}). */
    private static String busName(String nameOrArn) {
        int slash = nameOrArn.lastIndexOf("event-bus/");
        return nameOrArn.startsWith("arn:") && slash >= 0 ? nameOrArn.substring(slash + "event-bus/".length()) : nameOrArn;
    }

    private static int number(Map<String, Object> map, String key, int fallback, String where) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new TemplateException(where + "." + key + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static String json(Object value, String where) {
        try {
            // Not Json.mapper(): it leaves out null map values, and a pattern's null is a value to match.
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException(where + ": cannot write it as JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> map(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            var out = new java.util.LinkedHashMap<String, Object>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        throw new TemplateException(where + " must be a mapping, got " + value);
    }
}
