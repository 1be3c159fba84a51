package dev.berth.sandbox.template;

/**
 * An SQS queue of the template ({@code AWS::SQS::Queue}).
 *
 * @param queueName {@code QueueName} if set, else the logical id (with {@code .fifo} for a FIFO queue, as SQS requires)
 */
public record QueueDefinition(String logicalId, String queueName, boolean fifo) {}
