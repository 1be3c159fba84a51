package dev.berth.sandbox;

import dev.berth.sandbox.template.SamTemplate;
import java.util.Map;

/**
 * A template deployed into the sandbox, with the physical names its resources got.
 *
 * @param tableNames       table name per logical id
 * @param stateMachineArns state machine ARN per logical id
 * @param functionNames    function name per logical id
 */
public record DeployedStack(SamTemplate template, Map<String, String> tableNames, Map<String, String> stateMachineArns,
                            Map<String, String> functionNames) {

    public DeployedStack {
        tableNames = ordered(tableNames);
        stateMachineArns = ordered(stateMachineArns);
        functionNames = ordered(functionNames);
    }

    /** Unmodifiable, in template order (what the CLI prints). */
    private static Map<String, String> ordered(Map<String, String> names) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(names));
    }

    public String tableName(String logicalId) {
        return lookup(tableNames, logicalId, "table");
    }

    public String stateMachineArn(String logicalId) {
        return lookup(stateMachineArns, logicalId, "state machine");
    }

    public String functionName(String logicalId) {
        return lookup(functionNames, logicalId, "function");
    }

    private String lookup(Map<String, String> names, String logicalId, String kind) {
        String name = names.get(logicalId);
        if (name == null) {
            throw new IllegalArgumentException(template.file() + " has no " + kind + " " + logicalId
                    + " (it has " + new java.util.TreeSet<>(names.keySet()) + ")");
        }
        return name;
    }
}
