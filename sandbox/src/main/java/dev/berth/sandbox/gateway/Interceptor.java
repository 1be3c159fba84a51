package dev.berth.sandbox.gateway;

import java.io.IOException;
import java.util.Optional;

/**
 * A piece of the sandbox that answers some AWS calls itself (the Lambda endpoint, the simulated ECS
 * data plane) and may call {@code next} to have the emulator do its part first.
 * Returning empty passes the call on unchanged.
 */
@FunctionalInterface
public interface Interceptor {
    Optional<AwsResponse> handle(AwsRequest request, Upstream next) throws IOException;
}
