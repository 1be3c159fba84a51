package dev.berth.sandbox.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The cold-start baseline for {@code ObserveStepHandler}: the same AWS calls for one look at a rolling step
 * (the lease read, DescribeServices, ListTasks, DescribeTasks, DescribeTaskDefinition, DescribeTargetHealth per
 * target group), written the way the SDK's documentation writes them: {@code XxxClient.create()} (the default
 * HTTP client, found on the class path: Apache; the default credential provider chain; the region looked up
 * from the environment), a plain {@link ObjectMapper}, all built in the constructor. Nothing of Berth's.
 */
public final class BaselineObserveHandler implements RequestStreamHandler {

    private final ObjectMapper mapper = new ObjectMapper();
    private final DynamoDbClient dynamoDb = DynamoDbClient.create();
    private final EcsClient ecs = EcsClient.create();
    private final ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.create();
    private final String leases = System.getenv("LEASES_TABLE");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode request = mapper.readTree(input);
        String cluster = request.path("cluster").asText();
        String name = request.path("service").asText();
        dynamoDb.getItem(r -> r.tableName(leases).consistentRead(true)
                .key(Map.of("serviceKey", AttributeValue.fromS(cluster + "/" + name))));
        Service service = ecs.describeServices(r -> r.cluster(cluster).services(name)).services().getFirst();
        var taskArns = ecs.listTasks(r -> r.cluster(cluster).serviceName(name).desiredStatus(DesiredStatus.RUNNING)).taskArns();
        int running = taskArns.isEmpty() ? 0 : ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArns)).tasks().size();
        ecs.describeTaskDefinition(r -> r.taskDefinition(service.taskDefinition()));
        int healthy = 0;
        for (LoadBalancer loadBalancer : service.loadBalancers()) {
            healthy += (int) elb.describeTargetHealth(r -> r.targetGroupArn(loadBalancer.targetGroupArn()))
                    .targetHealthDescriptions().stream().filter(t -> t.targetHealth().stateAsString().equals("healthy")).count();
        }
        ObjectNode answer = mapper.createObjectNode().put("running", running).put("healthy", healthy);
        mapper.writeValue(output, answer);
    }
}
