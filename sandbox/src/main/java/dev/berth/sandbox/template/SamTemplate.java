package dev.berth.sandbox.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SAM template ({@code template.yaml}) read the way the sandbox deploys it: functions with
 * {@code Globals} merged, DynamoDB tables, state machines and parameters, every intrinsic resolved
 * to the sandbox's names and ARNs. The one source of truth for what the sandbox creates.
 */
public final class SamTemplate {

    static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
    static final String DYNAMODB_TABLE = "AWS::DynamoDB::Table";
    static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";
    static final String SERVERLESS_STATE_MACHINE = "AWS::Serverless::StateMachine";
    static final String STEP_FUNCTIONS_STATE_MACHINE = "AWS::StepFunctions::StateMachine";
    static final String EVENT_BUS = "AWS::Events::EventBus";
    static final String IAM_ROLE = "AWS::IAM::Role";
    static final String SQS_QUEUE = "AWS::SQS::Queue";

    /** Lambda's own defaults when neither the function nor Globals set them. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int DEFAULT_MEMORY_MB = 128;
    /** What {@code AWS::StackName} is in the sandbox: there is no stack, so a fixed, readable name. */
    public static final String STACK_NAME = "berth";

    private final Path file;
    private final Map<String, TemplateParameter> parameters;
    private final Map<String, TemplateResource> resources;
    private final Map<String, Object> functionGlobals;
    private final IntrinsicResolver resolver;
    private final FunctionEvents events;

    private SamTemplate(Path file, Map<String, TemplateParameter> parameters, Map<String, TemplateResource> resources,
                        Map<String, Object> functionGlobals, IntrinsicResolver resolver) {
        this.file = file;
        this.parameters = parameters;
        this.resources = resources;
        this.functionGlobals = functionGlobals;
        this.resolver = resolver;
        this.events = new FunctionEvents(resolver);
    }

    /** Reads a template for the sandbox's region and account, with every parameter at its default. */
    public static SamTemplate load(Path file) {
        return load(file, AwsLocation.SANDBOX, Map.of());
    }

    /**
     * Reads a template.
     *
     * @param parameterValues values for parameters, overriding their defaults
     */
    public static SamTemplate load(Path file, AwsLocation location, Map<String, String> parameterValues) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TemplateException("cannot read the template " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> root = map(CfnYaml.parse(text), "the template " + file);

        var parameters = new LinkedHashMap<String, TemplateParameter>();
        map(root.getOrDefault("Parameters", Map.of()), "Parameters").forEach((name, value) -> {
            Map<String, Object> spec = map(value, "parameter " + name);
            parameters.put(name, new TemplateParameter(name, String.valueOf(spec.getOrDefault("Type", "String")),
                    Optional.ofNullable(spec.get("Default")).map(SamTemplate::scalarText)));
        });

        var resources = new LinkedHashMap<String, TemplateResource>();
        map(root.getOrDefault("Resources", Map.of()), "Resources").forEach((logicalId, value) -> {
            Map<String, Object> spec = map(value, "resource " + logicalId);
            resources.put(logicalId, new TemplateResource(logicalId, String.valueOf(spec.get("Type")),
                    map(spec.getOrDefault("Properties", Map.of()), logicalId + ".Properties"),
                    Optional.ofNullable(spec.get("Condition")).map(String::valueOf)));
        });

        Map<String, Object> globals = map(root.getOrDefault("Globals", Map.of()), "Globals");
        Map<String, Object> functionGlobals = map(globals.getOrDefault("Function", Map.of()), "Globals.Function");

        var resolver = new IntrinsicResolver(location, STACK_NAME, parameters, Map.copyOf(parameterValues), resources,
                map(root.getOrDefault("Mappings", Map.of()), "Mappings"),
                map(root.getOrDefault("Conditions", Map.of()), "Conditions"), functionGlobals);
        return new SamTemplate(file, Map.copyOf(parameters), resources, functionGlobals, resolver);
    }

    /** The template file this was read from. */
    public Path file() {
        return file;
    }

    /** The resolver this template's values were resolved with (names and ARNs as deployed to the sandbox). */
    public IntrinsicResolver resolver() {
        return resolver;
    }

    public Map<String, TemplateParameter> parameters() {
        return parameters;
    }

    /** Every resource whose condition (if any) holds, in template order. */
    public List<TemplateResource> resources() {
        return resources.values().stream()
                .filter(resource -> resource.condition().map(resolver::condition).orElse(true))
                .toList();
    }

    /** Lambda functions ({@code AWS::Serverless::Function} with Globals, and {@code AWS::Lambda::Function}). */
    public List<SamFunction> functions() {
        return resources().stream()
                .filter(r -> r.type().equals(SERVERLESS_FUNCTION) || r.type().equals(LAMBDA_FUNCTION))
                .map(this::function)
                .toList();
    }

    public Optional<SamFunction> function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    /** DynamoDB tables ({@code AWS::DynamoDB::Table} and SAM's {@code AWS::Serverless::SimpleTable}). */
    public List<TableDefinition> tables() {
        return resources().stream()
                .filter(r -> r.type().equals(DYNAMODB_TABLE) || r.type().equals(SIMPLE_TABLE))
                .map(r -> r.type().equals(DYNAMODB_TABLE) ? table(r) : simpleTable(r))
                .toList();
    }

    public Optional<TableDefinition> table(String logicalId) {
        return tables().stream().filter(t -> t.logicalId().equals(logicalId)).findFirst();
    }

    /** Step Functions state machines (SAM's and plain CloudFormation's). */
    public List<StateMachineDefinition> stateMachines() {
        return resources().stream()
                .filter(r -> r.type().equals(SERVERLESS_STATE_MACHINE) || r.type().equals(STEP_FUNCTIONS_STATE_MACHINE))
                .map(this::stateMachine)
                .toList();
    }

    public Optional<StateMachineDefinition> stateMachine(String logicalId) {
        return stateMachines().stream().filter(s -> s.logicalId().equals(logicalId)).findFirst();
    }

    /** SQS queues ({@code AWS::SQS::Queue}): destinations and dead-letter queues the sandbox creates in moto. */
    public List<QueueDefinition> queues() {
        return resources().stream()
                .filter(r -> r.type().equals(SQS_QUEUE))
                .map(r -> new QueueDefinition(r.logicalId(), resolver.physicalName(r),
                        Boolean.parseBoolean(resolver.resolveString(r.properties().getOrDefault("FifoQueue", "false")))))
                .toList();
    }

    private SamFunction function(TemplateResource resource) {
        Map<String, Object> properties = resource.type().equals(SERVERLESS_FUNCTION)
                ? mergeGlobals(functionGlobals, resource.properties())
                : resource.properties();
        String where = "function " + resource.logicalId();
        String handler = resolver.resolveString(required(properties, "Handler", where));
        int separator = handler.indexOf("::");
        String handlerClass = separator < 0 ? handler : handler.substring(0, separator);
        String handlerMethod = separator < 0 ? "handleRequest" : handler.substring(separator + 2);

        var environment = new LinkedHashMap<String, String>();
        Map<String, Object> env = map(resolver.resolve(properties.getOrDefault("Environment", Map.of())), where + ".Environment");
        map(env.getOrDefault("Variables", Map.of()), where + ".Environment.Variables")
                .forEach((name, value) -> environment.put(name, scalarText(value)));

        return new SamFunction(resource.logicalId(), resolver.physicalName(resource), handlerClass, handlerMethod,
                environment,
                intProperty(properties, "Timeout", DEFAULT_TIMEOUT_SECONDS, where),
                intProperty(properties, "MemorySize", DEFAULT_MEMORY_MB, where),
                Optional.ofNullable(properties.get("AutoPublishAlias")).map(resolver::resolveString),
                events.eventBridgeRules(resource.logicalId(), properties),
                events.eventInvokeConfig(resource.logicalId(), properties));
    }

    /**
     * SAM's Globals rule: the function's own value wins for scalars, maps merge key by key (so
     * environment variables add up), lists concatenate Globals first.
     */
    static Map<String, Object> mergeGlobals(Map<String, Object> globals, Map<String, Object> own) {
        var merged = new LinkedHashMap<String, Object>(globals);
        own.forEach((key, value) -> merged.merge(key, value, (global, local) -> {
            if (global instanceof Map<?, ?> g && local instanceof Map<?, ?> l && !isIntrinsic(g) && !isIntrinsic(l)) {
                return mergeGlobals(stringKeys(g), stringKeys(l));
            }
            if (global instanceof List<?> g && local instanceof List<?> l) {
                var both = new ArrayList<Object>(g);
                both.addAll(l);
                return both;
            }
            return local;
        }));
        return merged;
    }

    private TableDefinition table(TemplateResource resource) {
        String where = "table " + resource.logicalId();
        Map<String, Object> properties = map(resolver.resolve(resource.properties()), where);
        var attributes = list(required(properties, "AttributeDefinitions", where), where + ".AttributeDefinitions").stream()
                .map(a -> map(a, where + ".AttributeDefinitions"))
                .map(a -> new TableDefinition.AttributeDefinition(text(a, "AttributeName", where), text(a, "AttributeType", where)))
                .toList();
        Optional<String> ttl = Optional.ofNullable(properties.get("TimeToLiveSpecification"))
                .map(spec -> map(spec, where + ".TimeToLiveSpecification"))
                .filter(spec -> Boolean.parseBoolean(String.valueOf(spec.getOrDefault("Enabled", "false"))))
                .map(spec -> text(spec, "AttributeName", where + ".TimeToLiveSpecification"));
        return new TableDefinition(resource.logicalId(), resolver.physicalName(resource), attributes,
                keySchema(required(properties, "KeySchema", where), where),
                indexes(properties.get("GlobalSecondaryIndexes"), where + ".GlobalSecondaryIndexes"),
                indexes(properties.get("LocalSecondaryIndexes"), where + ".LocalSecondaryIndexes"),
                String.valueOf(properties.getOrDefault("BillingMode", "PAY_PER_REQUEST")), ttl);
    }

    /** SAM's one-key table: {@code PrimaryKey: {Name, Type}} with Type String, Number or Binary. */
    private TableDefinition simpleTable(TemplateResource resource) {
        String where = "table " + resource.logicalId();
        Map<String, Object> properties = map(resolver.resolve(resource.properties()), where);
        Map<String, Object> key = map(properties.getOrDefault("PrimaryKey", Map.of("Name", "id", "Type", "String")), where + ".PrimaryKey");
        String name = text(key, "Name", where + ".PrimaryKey");
        String type = switch (text(key, "Type", where + ".PrimaryKey")) {
            case "String" -> "S";
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> throw new TemplateException(where + ".PrimaryKey.Type must be String, Number or Binary");
        };
        return new TableDefinition(resource.logicalId(), resolver.physicalName(resource),
                List.of(new TableDefinition.AttributeDefinition(name, type)),
                List.of(new TableDefinition.KeyElement(name, "HASH")), List.of(), List.of(),
                properties.containsKey("ProvisionedThroughput") ? "PROVISIONED" : "PAY_PER_REQUEST", Optional.empty());
    }

    private static List<TableDefinition.KeyElement> keySchema(Object value, String where) {
        return list(value, where + ".KeySchema").stream()
                .map(k -> map(k, where + ".KeySchema"))
                .map(k -> new TableDefinition.KeyElement(text(k, "AttributeName", where), text(k, "KeyType", where)))
                .toList();
    }

    private static List<TableDefinition.SecondaryIndex> indexes(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        return list(value, where).stream().map(i -> map(i, where)).map(index -> {
            Map<String, Object> projection = map(index.getOrDefault("Projection", Map.of()), where + ".Projection");
            return new TableDefinition.SecondaryIndex(text(index, "IndexName", where),
                    keySchema(required(index, "KeySchema", where), where),
                    String.valueOf(projection.getOrDefault("ProjectionType", "ALL")),
                    list(projection.getOrDefault("NonKeyAttributes", List.of()), where + ".NonKeyAttributes").stream()
                            .map(String::valueOf).toList());
        }).toList();
    }

    private StateMachineDefinition stateMachine(TemplateResource resource) {
        String where = "state machine " + resource.logicalId();
        Map<String, Object> properties = resource.properties();
        boolean sam = resource.type().equals(SERVERLESS_STATE_MACHINE);
        Optional<Path> definitionFile = Optional.empty();
        String definition;
        if (properties.get("DefinitionUri") instanceof String uri) {
            Path path = file.toAbsolutePath().getParent().resolve(uri).normalize();
            try {
                definition = Files.readString(path);
            } catch (IOException e) {
                throw new TemplateException(where + ": cannot read DefinitionUri " + path + ": " + e.getMessage(), e);
            }
            definitionFile = Optional.of(path);
        } else if (properties.containsKey("DefinitionUri") || properties.containsKey("DefinitionS3Location")) {
            throw new TemplateException(where + ": the sandbox reads definitions from local files, not S3");
        } else if (properties.containsKey("Definition")) {
            definition = toJson(resolver.resolve(properties.get("Definition")), where);
        } else if (properties.containsKey("DefinitionString")) {
            definition = resolver.resolveString(properties.get("DefinitionString"));
        } else {
            throw new TemplateException(where + " has no DefinitionUri, Definition or DefinitionString");
        }
        var substitutions = new LinkedHashMap<String, String>();
        map(properties.getOrDefault("DefinitionSubstitutions", Map.of()), where + ".DefinitionSubstitutions")
                .forEach((key, value) -> substitutions.put(key, resolver.resolveString(value)));
        Object type = properties.getOrDefault(sam ? "Type" : "StateMachineType", "STANDARD");
        return new StateMachineDefinition(resource.logicalId(), resolver.physicalName(resource),
                resolver.resolveString(type), definition, definitionFile, substitutions);
    }

    private int intProperty(Map<String, Object> properties, String name, int fallback, String where) {
        Object value = properties.get(name);
        if (value == null) {
            return fallback;
        }
        String text = resolver.resolveString(value);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new TemplateException(where + "." + name + " must be a whole number, got '" + text + "'", e);
        }
    }

    private static String toJson(Object value, String where) {
        try {
            // Not Json.mapper(): it leaves null map values out, and in a state machine null means something
            // ("ResultPath": null discards a state's result).
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException(where + ": cannot write the definition as JSON: " + e.getMessage(), e);
        }
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        return map.size() == 1 && map.keySet().iterator().next() instanceof String key
                && (key.equals("Ref") || key.startsWith("Fn::"));
    }

    /** CloudFormation renders numbers and booleans in string properties as their text. */
    private static String scalarText(Object value) {
        return switch (value) {
            case String s -> s;
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            default -> throw new TemplateException("expected a string, number or boolean, got " + value);
        };
    }

    private static Object required(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (value == null) {
            throw new TemplateException(where + " has no " + key);
        }
        return value;
    }

    private static String text(Map<String, Object> map, String key, String where) {
        return scalarText(required(map, key, where));
    }

    private static Map<String, Object> map(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return stringKeys(map);
        }
        throw new TemplateException(where + " must be a mapping, got " + value);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        var out = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static List<?> list(Object value, String where) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new TemplateException(where + " must be a list, got " + value);
    }
}
