package dev.berth.sandbox.sqs;

import dev.berth.sandbox.template.QueueDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The sandbox's own use of SQS (moto): creating the template's queues, and sending what AWS services
 * send to queues by ARN (Lambda's invocation records, EventBridge's dead letters).
 */
public final class SqsQueues {

    private final SqsClient sqs;

    /** @param sqs a client of moto itself, not of the gateway: these are AWS's own calls, not the application's */
    public SqsQueues(SqsClient sqs) {
        this.sqs = sqs;
    }

    public void create(QueueDefinition queue) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        sqs.createQueue(b -> b.queueName(queue.queueName()).attributes(attributes));
    }

    /** Sends a message to the queue {@code arn:aws:sqs:region:account:name}, with string message attributes. */
    public void send(String queueArn, String body, Map<String, String> attributes) {
        String[] arn = queueArn.split(":");
        if (arn.length != 6 || !arn[2].equals("sqs")) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        String url = "https://sqs." + arn[3] + ".amazonaws.com/" + arn[4] + "/" + arn[5];
        Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
        attributes.forEach((name, value) -> values.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(values));
    }
}
