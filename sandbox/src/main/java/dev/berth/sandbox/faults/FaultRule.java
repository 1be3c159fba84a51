package dev.berth.sandbox.faults;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which AWS calls fail, and how: a call fails when it is to {@code service} (its signing name:
 * {@code dynamodb}, {@code ecs}, {@code elasticloadbalancing}, {@code states}, {@code events},
 * {@code monitoring} for CloudWatch, {@code lambda}...), and, when given, is {@code action}, was made
 * by {@code function} (a function's logical id, which the sandbox sets as its SDK application id, so its calls carry
 * {@code app/<function>} in their User-Agent), and has {@code bodyContains} in its body. It then gets
 * {@code status} with {@code errorCode} and {@code message}, as often as {@code budget} says.
 */
public record FaultRule(String service, Optional<String> action, Optional<String> function,
                        Optional<String> bodyContains, int status, String errorCode, String message, Budget budget) {

    /** How many matching calls fail. */
    public sealed interface Budget {
        /** Every one. */
        record Always() implements Budget {}

        /** The first {@code count}, then none. */
        record Times(int count) implements Budget {
            public Times {
                if (count < 1) {
                    throw new IllegalArgumentException("count must be at least 1, got " + count);
                }
            }
        }

        /** Each with probability {@code ratio}, drawn from a generator seeded by the rule, so a run repeats. */
        record Share(double ratio) implements Budget {
            public Share {
                if (!(ratio > 0 && ratio <= 1)) {
                    throw new IllegalArgumentException("ratio must be above 0 and at most 1, got " + ratio);
                }
            }
        }
    }

    /** Names people use for a service, folded into its signing name. */
    private static final Map<String, String> SERVICE_ALIASES = Map.of(
            "elbv2", "elasticloadbalancing", "elasticloadbalancingv2", "elasticloadbalancing",
            "sfn", "states", "stepfunctions", "states",
            "eventbridge", "events",
            "cloudwatch", "monitoring");

    /** The status AWS answers each well-known error code with. */
    private static final Map<String, Integer> STATUS_OF = Map.of(
            "ThrottlingException", 400, "Throttling", 400, "ProvisionedThroughputExceededException", 400,
            "RequestLimitExceeded", 400, "TooManyRequestsException", 429, "ServiceUnavailable", 503,
            "ServiceUnavailableException", 503);

    public FaultRule {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("a fault needs the service whose calls fail");
        }
        service = SERVICE_ALIASES.getOrDefault(service.toLowerCase(Locale.ROOT), service.toLowerCase(Locale.ROOT));
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status, 400 to 599, got " + status);
        }
        if (errorCode == null || errorCode.isBlank()) {
            throw new IllegalArgumentException("a fault needs an error code");
        }
    }

    /** Every call to {@code service} fails with 500 {@code InternalFailure}; narrow and shape it with the {@code with...} methods. */
    public static FaultRule failing(String service) {
        return new FaultRule(service, Optional.empty(), Optional.empty(), Optional.empty(), 500, "InternalFailure",
                defaultMessage("InternalFailure"), new Budget.Always());
    }

    /** Calls of one action of {@code service}. */
    public static FaultRule failing(String service, String action) {
        return failing(service).withAction(action);
    }

    public FaultRule withAction(String newAction) {
        return new FaultRule(service, Optional.of(newAction), function, bodyContains, status, errorCode, message, budget);
    }

    /** Only calls made by the function with this logical id (e.g. {@code ObserveStepFunction}). */
    public FaultRule fromFunction(String logicalId) {
        return new FaultRule(service, action, Optional.of(logicalId), bodyContains, status, errorCode, message, budget);
    }

    public FaultRule whenBodyContains(String text) {
        return new FaultRule(service, action, function, Optional.of(text), status, errorCode, message, budget);
    }

    /** Fails with {@code code} at the status AWS uses for it (400 for throttling, 503 for unavailable, else 500). */
    public FaultRule withError(String code) {
        return withError(STATUS_OF.getOrDefault(code, 500), code);
    }

    public FaultRule withError(int newStatus, String code) {
        String newMessage = message.equals(defaultMessage(errorCode)) ? defaultMessage(code) : message;
        return new FaultRule(service, action, function, bodyContains, newStatus, code, newMessage, budget);
    }

    public FaultRule withMessage(String text) {
        return new FaultRule(service, action, function, bodyContains, status, errorCode, text, budget);
    }

    /** Only the first {@code count} matching calls fail. */
    public FaultRule times(int count) {
        return new FaultRule(service, action, function, bodyContains, status, errorCode, message, new Budget.Times(count));
    }

    /** Each matching call fails with probability {@code ratio} (seeded: the same calls fail every run). */
    public FaultRule ratio(double ratio) {
        return new FaultRule(service, action, function, bodyContains, status, errorCode, message, new Budget.Share(ratio));
    }

    static String defaultMessage(String code) {
        return code + " (injected by the Berth sandbox)";
    }
}
