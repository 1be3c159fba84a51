package dev.berth.log;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Structured JSON log lines with the deployment id on every line, written through the Lambda
 * context's logger (CloudWatch in AWS, the sandbox's log file locally). A dozen lines of our own
 * instead of a logging framework: cold start is a product feature here.
 */
public final class DeploymentLog {

    private final Context context;
    private final Optional<String> deploymentId;

    private DeploymentLog(Context context, Optional<String> deploymentId) {
        this.context = context;
        this.deploymentId = deploymentId;
    }

    public static DeploymentLog of(Context context) {
        return new DeploymentLog(context, Optional.empty());
    }

    public DeploymentLog forDeployment(String id) {
        return new DeploymentLog(context, Optional.of(id));
    }

    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        write("ERROR", message, fields);
    }

    private void write(String level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("function", context == null ? "local" : context.getFunctionName());
        deploymentId.ifPresent(id -> line.put("deploymentId", id));
        if (context != null) {
            line.put("requestId", context.getAwsRequestId());
        }
        line.put("message", message);
        line.putAll(fields);
        String text;
        try {
            text = Json.mapper().writeValueAsString(line);
        } catch (JsonProcessingException e) {
            text = "{\"level\":\"" + level + "\",\"message\":\"unserialisable log line\"}";
        }
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(text + "\n");
        } else {
            System.out.println(text);
        }
    }
}
