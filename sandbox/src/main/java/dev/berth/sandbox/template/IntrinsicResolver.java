package dev.berth.sandbox.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsics (long form) the way a deployment into the sandbox would:
 * resources get the sandbox's physical names and ARNs, parameters their given or default values.
 * Anything it cannot stand in for faithfully is an error naming it, never a made-up value.
 */
public final class IntrinsicResolver {

    /** SAM's {@code !Ref Function.Alias}: the alias that {@code AutoPublishAlias} creates. */
    private static final String ALIAS_SUFFIX = ".Alias";

    private final AwsLocation location;
    private final String stackName;
    private final Map<String, TemplateParameter> parameters;
    private final Map<String, String> parameterValues;
    private final Map<String, TemplateResource> resources;
    private final Map<String, Object> mappings;
    private final Map<String, Object> conditions;
    /** {@code Globals.Function}: SAM functions take {@code AutoPublishAlias} from there too. */
    private final Map<String, Object> functionGlobals;
    /** Conditions being evaluated, to report a cycle instead of overflowing the stack. */
    private final Set<String> evaluating = new HashSet<>();

    IntrinsicResolver(AwsLocation location, String stackName, Map<String, TemplateParameter> parameters,
                      Map<String, String> parameterValues, Map<String, TemplateResource> resources,
                      Map<String, Object> mappings, Map<String, Object> conditions, Map<String, Object> functionGlobals) {
        this.location = location;
        this.stackName = stackName;
        this.parameters = parameters;
        this.parameterValues = parameterValues;
        this.resources = resources;
        this.mappings = mappings;
        this.conditions = conditions;
        this.functionGlobals = functionGlobals;
    }

    /** Marks a value that {@code AWS::NoValue} removed, so maps and lists can drop it. */
    private enum NoValue { INSTANCE }

    /** Resolves every intrinsic inside {@code value}; maps, lists and scalars come back as plain Java values. */
    public Object resolve(Object value) {
        Object resolved = resolveOrNoValue(value);
        return resolved == NoValue.INSTANCE ? "" : resolved;
    }

    /** Resolves {@code value} and renders it as CloudFormation renders a scalar property. */
    public String resolveString(Object value) {
        return asString(resolve(value), "value");
    }

    /** Whether the named entry of {@code Conditions} holds. */
    public synchronized boolean condition(String name) {
        Object definition = conditions.get(name);
        if (definition == null) {
            throw new TemplateException("condition " + name + " is not defined in Conditions");
        }
        if (!evaluating.add(name)) {
            throw new TemplateException("condition " + name + " refers to itself");
        }
        try {
            return evaluateCondition(definition);
        } finally {
            evaluating.remove(name);
        }
    }

    /** What {@code !Ref name} evaluates to in the sandbox. */
    public Object ref(String name) {
        Optional<Object> pseudo = pseudoParameter(name);
        if (pseudo.isPresent()) {
            return pseudo.get();
        }
        TemplateParameter parameter = parameters.get(name);
        if (parameter != null) {
            return parameterValue(parameter);
        }
        if (name.endsWith(ALIAS_SUFFIX) && resources.containsKey(name.substring(0, name.length() - ALIAS_SUFFIX.length()))) {
            return functionAliasArn(resources.get(name.substring(0, name.length() - ALIAS_SUFFIX.length())));
        }
        TemplateResource resource = resource(name, "!Ref " + name);
        return switch (resource.type()) {
            case SamTemplate.SERVERLESS_FUNCTION, SamTemplate.LAMBDA_FUNCTION,
                 SamTemplate.DYNAMODB_TABLE, SamTemplate.SIMPLE_TABLE,
                 SamTemplate.EVENT_BUS, SamTemplate.IAM_ROLE -> physicalName(resource);
            case SamTemplate.SERVERLESS_STATE_MACHINE, SamTemplate.STEP_FUNCTIONS_STATE_MACHINE ->
                    location.stateMachineArn(physicalName(resource));
            case SamTemplate.SQS_QUEUE -> location.sqsQueueUrl(physicalName(resource));
            default -> throw unsupported("!Ref " + name, resource);
        };
    }

    /** What {@code !GetAtt resource.attribute} evaluates to in the sandbox. */
    public String getAtt(String logicalId, String attribute) {
        String expression = "!GetAtt " + logicalId + "." + attribute;
        TemplateResource resource = resource(logicalId, expression);
        String name = physicalName(resource);
        return switch (resource.type() + "." + attribute) {
            case SamTemplate.SERVERLESS_FUNCTION + ".Arn", SamTemplate.LAMBDA_FUNCTION + ".Arn" ->
                    location.lambdaFunctionArn(name);
            case SamTemplate.DYNAMODB_TABLE + ".Arn", SamTemplate.SIMPLE_TABLE + ".Arn" -> location.dynamoDbTableArn(name);
            case SamTemplate.SERVERLESS_STATE_MACHINE + ".Arn", SamTemplate.STEP_FUNCTIONS_STATE_MACHINE + ".Arn" ->
                    location.stateMachineArn(name);
            case SamTemplate.SERVERLESS_STATE_MACHINE + ".Name", SamTemplate.STEP_FUNCTIONS_STATE_MACHINE + ".Name",
                 SamTemplate.EVENT_BUS + ".Name" -> name;
            case SamTemplate.EVENT_BUS + ".Arn" -> location.eventBusArn(name);
            case SamTemplate.IAM_ROLE + ".Arn" -> "arn:aws:iam::" + location.accountId() + ":role/" + name;
            case SamTemplate.SQS_QUEUE + ".Arn" -> location.sqsQueueArn(name);
            case SamTemplate.SQS_QUEUE + ".QueueName" -> name;
            case SamTemplate.SQS_QUEUE + ".QueueUrl" -> location.sqsQueueUrl(name);
            default -> throw unsupported(expression, resource);
        };
    }

    /**
     * The name the resource has once deployed to the sandbox: the explicit name property if the
     * template sets one, else the logical id (CloudFormation would add the stack name and a random
     * suffix; the sandbox keeps names predictable for the demo and the CLI).
     */
    public String physicalName(TemplateResource resource) {
        String property = switch (resource.type()) {
            case SamTemplate.SERVERLESS_FUNCTION, SamTemplate.LAMBDA_FUNCTION -> "FunctionName";
            case SamTemplate.DYNAMODB_TABLE, SamTemplate.SIMPLE_TABLE -> "TableName";
            case SamTemplate.SERVERLESS_STATE_MACHINE -> "Name";
            case SamTemplate.STEP_FUNCTIONS_STATE_MACHINE -> "StateMachineName";
            case SamTemplate.EVENT_BUS -> "Name";
            case SamTemplate.IAM_ROLE -> "RoleName";
            case SamTemplate.SQS_QUEUE -> "QueueName";
            default -> "";
        };
        Object explicit = resource.properties().get(property);
        if (explicit == null && resource.type().equals(SamTemplate.SQS_QUEUE)
                && "true".equals(String.valueOf(resolve(resource.properties().getOrDefault("FifoQueue", "false"))))) {
            return resource.logicalId() + ".fifo"; // SQS requires the suffix; CloudFormation adds it to the name it makes up
        }
        return explicit == null ? resource.logicalId() : resolveString(explicit);
    }

    private Optional<Object> pseudoParameter(String name) {
        return Optional.ofNullable(switch (name) {
            case "AWS::Region" -> location.region();
            case "AWS::AccountId" -> location.accountId();
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> stackName;
            case "AWS::StackId" -> "arn:aws:cloudformation:" + location.region() + ":" + location.accountId()
                    + ":stack/" + stackName + "/00000000-0000-0000-0000-000000000000";
            case "AWS::NotificationARNs" -> List.of();
            default -> null;
        });
    }

    private String functionAliasArn(TemplateResource function) {
        Object alias = function.properties().get("AutoPublishAlias");
        if (alias == null && function.type().equals(SamTemplate.SERVERLESS_FUNCTION)) {
            alias = functionGlobals.get("AutoPublishAlias"); // SAM's Globals: the function's own value wins
        }
        if (alias == null) {
            throw new TemplateException("!Ref " + function.logicalId() + ".Alias needs AutoPublishAlias on " + function.logicalId());
        }
        return location.lambdaFunctionArn(physicalName(function)) + ":" + resolveString(alias);
    }

    private Object parameterValue(TemplateParameter parameter) {
        String value = Optional.ofNullable(parameterValues.get(parameter.name()))
                .or(parameter::defaultValue)
                .orElseThrow(() -> new TemplateException("parameter " + parameter.name()
                        + " has no Default: give the sandbox a value for it"));
        if (parameter.type().startsWith("List<") || parameter.type().equals("CommaDelimitedList")) {
            return List.of(value.split(",", -1)).stream().map(String::strip).toList();
        }
        return value;
    }

    private TemplateResource resource(String logicalId, String expression) {
        TemplateResource resource = resources.get(logicalId);
        if (resource == null) {
            throw new TemplateException(expression + ": no parameter or resource is called " + logicalId);
        }
        return resource;
    }

    private static TemplateException unsupported(String expression, TemplateResource resource) {
        return new TemplateException(expression + ": the sandbox does not model " + resource.type()
                + " (resource " + resource.logicalId() + ")");
    }

    private Object resolveOrNoValue(Object value) {
        return switch (value) {
            case Map<?, ?> map when isIntrinsic(map) -> intrinsic(map);
            case Map<?, ?> map -> {
                var out = new LinkedHashMap<String, Object>();
                map.forEach((k, v) -> {
                    Object resolved = resolveOrNoValue(v);
                    if (resolved != NoValue.INSTANCE) {
                        out.put(String.valueOf(k), resolved);
                    }
                });
                yield out;
            }
            case List<?> list -> {
                var out = new ArrayList<Object>();
                for (Object element : list) {
                    Object resolved = resolveOrNoValue(element);
                    if (resolved != NoValue.INSTANCE) {
                        out.add(resolved);
                    }
                }
                yield out;
            }
            case null -> "";
            default -> value;
        };
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        Object key = map.keySet().iterator().next();
        return key.equals("Ref") || (key instanceof String s && s.startsWith("Fn::"));
    }

    private Object intrinsic(Map<?, ?> map) {
        var entry = map.entrySet().iterator().next();
        String function = (String) entry.getKey();
        Object argument = entry.getValue();
        return switch (function) {
            case "Ref" -> {
                String name = asString(resolve(argument), "Ref");
                yield name.equals("AWS::NoValue") ? NoValue.INSTANCE : ref(name);
            }
            case "Fn::GetAtt" -> {
                List<?> parts = argument instanceof String s ? List.of(s.split("\\.", 2)) : list(argument, function, 2);
                yield getAtt(asString(resolve(parts.get(0)), function), asString(resolve(parts.get(1)), function));
            }
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> {
                List<?> args = list(argument, function, 2);
                String delimiter = asString(resolve(args.get(0)), function);
                List<String> items = list(resolve(args.get(1)), function, -1).stream()
                        .map(item -> asString(item, function)).toList();
                yield String.join(delimiter, items);
            }
            case "Fn::Select" -> {
                List<?> args = list(argument, function, 2);
                int index = Integer.parseInt(asString(resolve(args.get(0)), function));
                List<?> items = list(resolve(args.get(1)), function, -1);
                if (index < 0 || index >= items.size()) {
                    throw new TemplateException("Fn::Select index " + index + " is outside a list of " + items.size());
                }
                yield items.get(index);
            }
            case "Fn::Split" -> {
                List<?> args = list(argument, function, 2);
                yield List.of(asString(resolve(args.get(1)), function).split(Pattern.quote(asString(resolve(args.get(0)), function)), -1));
            }
            case "Fn::If" -> {
                List<?> args = list(argument, function, 3);
                yield resolveOrNoValue(condition(asString(args.get(0), function)) ? args.get(1) : args.get(2));
            }
            case "Fn::FindInMap" -> findInMap(list(argument, function, -1));
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(asString(resolve(argument), function).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs" -> List.of(location.region() + "a", location.region() + "b", location.region() + "c");
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> evaluateCondition(map);
            default -> throw new TemplateException(function + " is not something the sandbox can evaluate");
        };
    }

    private Object findInMap(List<?> args) {
        if (args.size() < 3) {
            throw new TemplateException("Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey]");
        }
        String mapName = asString(resolve(args.get(0)), "Fn::FindInMap");
        String top = asString(resolve(args.get(1)), "Fn::FindInMap");
        String second = asString(resolve(args.get(2)), "Fn::FindInMap");
        if (mappings.get(mapName) instanceof Map<?, ?> topLevel && topLevel.get(top) instanceof Map<?, ?> secondLevel
                && secondLevel.containsKey(second)) {
            return resolve(secondLevel.get(second));
        }
        throw new TemplateException("Fn::FindInMap: Mappings has no " + mapName + "." + top + "." + second);
    }

    private String sub(Object argument) {
        String text;
        Map<?, ?> variables;
        if (argument instanceof List<?> args) {
            if (args.size() != 2 || !(args.get(1) instanceof Map<?, ?> vars)) {
                throw new TemplateException("Fn::Sub takes a string or [string, {variables}]");
            }
            text = asString(args.get(0), "Fn::Sub");
            variables = vars;
        } else {
            text = asString(argument, "Fn::Sub");
            variables = Map.of();
        }
        var out = new StringBuilder();
        int at = 0;
        while (true) {
            int start = text.indexOf("${", at);
            if (start < 0) {
                out.append(text, at, text.length());
                return out.toString();
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new TemplateException("Fn::Sub: unclosed ${ in '" + text + "'");
            }
            out.append(text, at, start);
            String name = text.substring(start + 2, end);
            if (name.startsWith("!")) {
                out.append("${").append(name.substring(1)).append('}'); // ${!Literal} writes ${Literal}
            } else if (variables.containsKey(name)) {
                out.append(asString(resolve(variables.get(name)), "Fn::Sub"));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                out.append(name.substring(dot).equals(ALIAS_SUFFIX)
                        ? asString(ref(name), "Fn::Sub")
                        : getAtt(name.substring(0, dot), name.substring(dot + 1)));
            } else {
                out.append(asString(ref(name), "Fn::Sub"));
            }
            at = end + 1;
        }
    }

    private boolean evaluateCondition(Object definition) {
        if (!(definition instanceof Map<?, ?> map) || map.size() != 1) {
            throw new TemplateException("a condition must be one of Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition: " + definition);
        }
        var entry = map.entrySet().iterator().next();
        Object argument = entry.getValue();
        return switch (String.valueOf(entry.getKey())) {
            case "Condition" -> condition(asString(argument, "Condition"));
            case "Fn::Equals" -> {
                List<?> args = list(argument, "Fn::Equals", 2);
                yield asString(resolve(args.get(0)), "Fn::Equals").equals(asString(resolve(args.get(1)), "Fn::Equals"));
            }
            case "Fn::Not" -> !evaluateCondition(list(argument, "Fn::Not", 1).getFirst());
            case "Fn::And" -> list(argument, "Fn::And", -1).stream().allMatch(this::evaluateCondition);
            case "Fn::Or" -> list(argument, "Fn::Or", -1).stream().anyMatch(this::evaluateCondition);
            default -> throw new TemplateException(entry.getKey() + " is not a condition function");
        };
    }

    private static List<?> list(Object value, String function, int size) {
        if (!(value instanceof List<?> list) || (size >= 0 && list.size() != size)) {
            throw new TemplateException(function + " expects a list" + (size >= 0 ? " of " + size : "") + ", got " + value);
        }
        return list;
    }

    private static String asString(Object value, String where) {
        return switch (value) {
            case String s -> s;
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case null -> "";
            default -> throw new TemplateException(where + " expects a string, got " + value);
        };
    }
}
