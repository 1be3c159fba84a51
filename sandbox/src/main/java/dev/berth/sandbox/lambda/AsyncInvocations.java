package dev.berth.sandbox.lambda;

import dev.berth.sandbox.logging.LogFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's queue for asynchronous invocations: runs each event, retries it after a function error
 * (up to the function's {@code MaximumRetryAttempts}, the delay doubling each time, as Lambda's one
 * then two minutes, only shorter), drops it once older than {@code MaximumEventAgeInSeconds}, and
 * sends the invocation record to the function's on-success or on-failure queue.
 */
final class AsyncInvocations implements AutoCloseable {

    /** One attempt at running the invocation; the request id stays the same across retries, as in Lambda. */
    @FunctionalInterface
    interface Attempt {
        LambdaEndpoint.Invocation run(String requestId);
    }

    private final Duration firstRetryDelay;
    private final InvocationRecordSink records;
    private final LogFile log;
    private final Clock clock;
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lambda-async-retries").daemon().factory());

    AsyncInvocations(Duration firstRetryDelay, InvocationRecordSink records, LogFile log, Clock clock) {
        this.firstRetryDelay = firstRetryDelay;
        this.records = records;
        this.log = log;
        this.clock = clock;
    }

    /** Queues the event; it runs at once, on its own thread. */
    void submit(LambdaFunction function, String requestId, byte[] payload, Attempt attempt) {
        Instant queued = clock.instant();
        attempts.submit(() -> attempt(function, requestId, payload, attempt, queued, 1));
    }

    private void attempt(LambdaFunction function, String requestId, byte[] payload, Attempt attempt, Instant queued, int number) {
        AsyncSettings settings = function.async();
        LambdaEndpoint.Invocation result = attempt.run(requestId);
        if (result.functionError().isEmpty()) {
            settings.onSuccessQueueArn().ifPresent(queue -> send(queue, function, requestId,
                    InvocationRecord.Condition.Success, number, payload, result));
            return;
        }
        Duration delay = firstRetryDelay.multipliedBy(1L << (number - 1));
        if (number > settings.maximumRetryAttempts()) {
            fail(function, requestId, payload, InvocationRecord.Condition.RetriesExhausted, number, result);
        } else if (Duration.between(queued, clock.instant()).plus(delay).compareTo(settings.maximumEventAge()) > 0) {
            fail(function, requestId, payload, InvocationRecord.Condition.EventAgeExceeded, number, result);
        } else {
            log.line(function.name() + " " + requestId + " async attempt " + number + " failed ("
                    + result.functionError().get() + "); retrying in " + delay.toMillis() + " ms");
            timer.schedule(() -> attempts.submit(() -> attempt(function, requestId, payload, attempt, queued, number + 1)),
                    delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void fail(LambdaFunction function, String requestId, byte[] payload, InvocationRecord.Condition condition,
                      int attempts, LambdaEndpoint.Invocation last) {
        Optional<String> queue = function.async().onFailureQueueArn();
        log.line(function.name() + " " + requestId + " async invocation given up after " + attempts + " attempt(s): "
                + condition + queue.map(q -> "; record sent to " + q).orElse("; the event is dropped"));
        queue.ifPresent(q -> send(q, function, requestId, condition, attempts, payload, last));
    }

    private void send(String queue, LambdaFunction function, String requestId, InvocationRecord.Condition condition,
                      int attempts, byte[] payload, LambdaEndpoint.Invocation last) {
        String record = InvocationRecord.json(requestId, function.arn(), condition, attempts, payload, last.functionError(),
                last.payload(), clock.instant());
        try {
            records.send(queue, record);
        } catch (Exception e) {
            // Lambda counts a DestinationDeliveryFailures metric and moves on; the log is the sandbox's metric.
            log.line(function.name() + " " + requestId + " could not send its invocation record to " + queue + ": " + e);
        }
    }

    /** Lets running attempts finish (bounded) and drops pending retries. */
    @Override
    public void close() {
        timer.shutdownNow();
        attempts.shutdown();
        try {
            if (!attempts.awaitTermination(5, TimeUnit.SECONDS)) {
                attempts.shutdownNow();
            }
        } catch (InterruptedException e) {
            attempts.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
