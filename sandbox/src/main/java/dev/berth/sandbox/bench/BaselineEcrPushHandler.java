package dev.berth.sandbox.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start baseline for {@code EcrPushHandler} on a push no target follows: read the ECR event, query the
 * targets of its repository (none), answer. Written the SDK's default way, as {@link BaselineObserveHandler} is.
 */
public final class BaselineEcrPushHandler implements RequestStreamHandler {

    private final ObjectMapper mapper = new ObjectMapper();
    private final DynamoDbClient dynamoDb = DynamoDbClient.create();
    private final String targets = System.getenv("TARGETS_TABLE");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = mapper.readTree(input);
        String repository = event.path("detail").path("repository-name").asText();
        int followers = dynamoDb.query(r -> r.tableName(targets).keyConditionExpression("repository = :r")
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(repository)))).count();
        mapper.writeValue(output, mapper.createObjectNode().put("repository", repository).put("targets", followers));
    }
}
