package dev.berth.adapters;

import dev.berth.ports.AwsCallException;
import dev.berth.ports.TransientAwsException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK failures into Berth's two kinds: transient (retried by the state machine after the SDK's
 * own retries gave up) and permanent (surfaced with the AWS error code).
 */
final class AwsCalls {

    private static final Set<String> THROTTLING = Set.of(
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
            "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
            "TransactionInProgressException", "ServerException", "ServiceUnavailable", "InternalFailure");

    private AwsCalls() {}

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "Unknown" : e.awsErrorDetails().errorCode();
            String detail = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            String message = what + " failed: " + code + ": " + detail;
            if (e.statusCode() >= 500 || e.isThrottlingException() || THROTTLING.contains(code)) {
                throw new TransientAwsException(message, e);
            }
            throw new AwsCallException(message, e);
        } catch (SdkClientException e) {
            // No answer from AWS at all (connection refused, timeout): worth trying again later.
            throw new TransientAwsException(what + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new AwsCallException(what + " failed: " + e.getMessage(), e);
        }
    }

    static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }
}
