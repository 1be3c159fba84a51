package dev.berth.sandbox.template;

/** The region and account the sandbox pretends to be, used in every ARN it makes up. */
public record AwsLocation(String region, String accountId) {

    /** What the sandbox always uses: moto's default account, the region moto's examples use. */
    public static final AwsLocation SANDBOX = new AwsLocation("us-east-1", "123456789012");

    public String lambdaFunctionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    public String stateMachineArn(String name) {
        return "arn:aws:states:" + region + ":" + accountId + ":stateMachine:" + name;
    }

    public String dynamoDbTableArn(String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName;
    }

    public String eventBusArn(String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":event-bus/" + name;
    }

    public String sqsQueueArn(String queueName) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
    }

    /** The queue URL as SQS gives it in AWS; moto (like SQS) finds the queue by the URL's last part. */
    public String sqsQueueUrl(String queueName) {
        return "https://sqs." + region + ".amazonaws.com/" + accountId + "/" + queueName;
    }

    public String eventRuleArn(String eventBusName, String ruleName) {
        return "arn:aws:events:" + region + ":" + accountId + ":rule/"
                + (eventBusName.equals("default") ? "" : eventBusName + "/") + ruleName;
    }
}
