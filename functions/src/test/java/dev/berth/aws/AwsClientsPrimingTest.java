package dev.berth.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsClientsPrimingTest {

    // No endpoint override: the twins would reach real AWS (no network here) if anything left the process.
    private static final Map<String, String> LAMBDA = Map.of("AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret");

    @Test
    void primingCallsThroughEveryBuiltClientAndIsAnsweredInTheProcess() {
        AwsClients clients = new AwsClients(new FunctionEnvironment(LAMBDA));
        clients.ecs();
        clients.elb();
        clients.dynamoDb();
        clients.sfn();
        clients.eventBridge();
        clients.cloudWatch();

        // ECS: DescribeServices, ListTasks, DescribeTasks; ELB (AWS query, XML): DescribeTargetHealth; DynamoDB: GetItem,
        // Query; Step Functions: DescribeExecution; EventBridge: PutEvents; CloudWatch: DescribeAlarms.
        assertThat(clients.primeCalls()).isEqualTo(9);
    }

    @Test
    void onlyTheClientsAFunctionBuiltArePrimed() {
        AwsClients clients = new AwsClients(new FunctionEnvironment(LAMBDA));
        clients.dynamoDb();

        assertThat(clients.primeCalls()).isEqualTo(2);
    }

    @Test
    void aFunctionThatBuiltNoClientPrimesNothing() {
        assertThat(new AwsClients(new FunctionEnvironment(LAMBDA)).primeCalls()).isZero();
    }
}
