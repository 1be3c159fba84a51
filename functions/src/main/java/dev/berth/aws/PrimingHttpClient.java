package dev.berth.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of the throwaway SDK clients that priming calls through (see {@code AwsClients.primeCalls}):
 * it reads the request body as a real client would send it, and answers every request itself, in the process,
 * with an empty success in the protocol the request used (an empty JSON object, or an empty AWS query XML
 * result). Nothing leaves the process: no socket is opened, so none can end up in a SnapStart snapshot.
 */
final class PrimingHttpClient implements SdkHttpClient {

    private static final String QUERY_RESPONSE = """
            <PrimingResponse><PrimingResult/><ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></PrimingResponse>""";

    private final AtomicInteger answered = new AtomicInteger();

    /** How many requests this client answered. */
    int answered() {
        return answered.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                request.contentStreamProvider().ifPresent(body -> {
                    try (InputStream in = body.newStream()) {
                        in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                answered.incrementAndGet();
                return answer(request.httpRequest());
            }

            @Override
            public void abort() {
            }
        };
    }

    private static HttpExecuteResponse answer(SdkHttpRequest request) {
        String contentType = request.firstMatchingHeader("Content-Type").orElse("application/x-amz-json-1.1");
        boolean query = contentType.startsWith("application/x-www-form-urlencoded");
        byte[] body = (query ? QUERY_RESPONSE : "{}").getBytes(StandardCharsets.UTF_8);
        SdkHttpResponse response = SdkHttpResponse.builder().statusCode(200)
                .putHeader("Content-Type", query ? "text/xml" : contentType)
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("x-amzn-RequestId", "priming")
                .build();
        return HttpExecuteResponse.builder().response(response)
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
    }

    @Override
    public String clientName() {
        return "BerthPriming";
    }

    @Override
    public void close() {
    }
}
