package dev.berth.sandbox.gateway;

import java.io.IOException;

/** Where a call goes when no interceptor answers it (moto, or DynamoDB Local for DynamoDB). */
@FunctionalInterface
public interface Upstream {
    AwsResponse send(AwsRequest request) throws IOException;
}
