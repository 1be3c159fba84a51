package dev.berth.sandbox.lambda;

/** Where Lambda sends the record of an asynchronous invocation: an SQS queue, by ARN (moto's SQS in the sandbox). */
@FunctionalInterface
public interface InvocationRecordSink {

    /** Sends {@code record} (JSON) to the queue; throws when it cannot, which Lambda counts and logs, nothing more. */
    void send(String queueArn, String record) throws Exception;

    /** For an endpoint without destinations: records have nowhere to go. */
    InvocationRecordSink NONE = (queueArn, record) -> {
        throw new IllegalStateException("this Lambda endpoint has no SQS to send invocation records to");
    };
}
