package dev.berth.sandbox.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which calls the limiter throttles, what it answers, and what it counts, on calls made up here (the SDK's side is RateLimitsOverHttpTest). */
class RateLimiterTest {

    private static final AwsResponse PASSED = AwsResponse.json(200, "{}", "application/json");

    private final AtomicLong now = new AtomicLong(0);
    private final RateLimiter limiter = new RateLimiter(now::get);

    private static AwsRequest ecs(String action, int attempt) {
        return new AwsRequest("POST", "/", "", Map.of("x-amz-target", List.of("AmazonEC2ContainerServiceV20141113." + action),
                "content-type", List.of("application/x-amz-json-1.1"), "amz-sdk-request", List.of("attempt=" + attempt + "; max=5")),
                "{}".getBytes(StandardCharsets.UTF_8), "ecs", Optional.of(action));
    }

    private static AwsRequest elb(String action) {
        return new AwsRequest("POST", "/", "", Map.of("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
                ("Action=" + action + "&Version=2015-12-01").getBytes(StandardCharsets.UTF_8), "elasticloadbalancing",
                Optional.of(action));
    }

    private Optional<AwsResponse> call(AwsRequest request) {
        return limiter.handle(request, ignored -> PASSED);
    }

    private void advanceMillis(long millis) {
        now.addAndGet(millis * 1_000_000);
    }

    @Test
    void offByDefaultEveryCallPassesAndNothingIsCounted() {
        for (int i = 0; i < 500; i++) {
            assertThat(call(ecs("DescribeServices", 1))).isEmpty();
        }
        assertThat(limiter.enforcing()).isFalse();
        assertThat(limiter.calls()).isEmpty();
    }

    @Test
    void overItsBucketAnEcsCallGetsEcsThrottlingError() {
        limiter.enforce((service, action) -> Optional.of(new RateLimit(2, 1)));

        assertThat(call(ecs("DescribeServices", 1))).isEmpty();
        assertThat(call(ecs("DescribeServices", 1))).isEmpty();
        AwsResponse throttled = call(ecs("DescribeServices", 1)).orElseThrow();

        assertThat(throttled.status()).isEqualTo(400);
        assertThat(throttled.bodyText()).contains("\"__type\":\"ThrottlingException\"").contains("Rate exceeded");
        assertThat(throttled.headers().get("content-type")).containsExactly("application/x-amz-json-1.1");
    }

    @Test
    void overItsBucketAnElbCallGetsTheQueryProtocolsThrottlingError() {
        limiter.enforce((service, action) -> Optional.of(new RateLimit(1, 1)));
        call(elb("DescribeTargetHealth"));

        AwsResponse throttled = call(elb("DescribeTargetHealth")).orElseThrow();

        assertThat(throttled.status()).isEqualTo(400);
        assertThat(throttled.bodyText()).contains("<Code>Throttling</Code>").contains("<Type>Sender</Type>")
                .contains("<Message>Rate exceeded</Message>");
    }

    @Test
    void eachApiHasItsOwnBucketAndUnlimitedApisAreOnlyCounted() {
        limiter.enforce((service, action) -> action.equals("DescribeServices") ? Optional.of(new RateLimit(1, 1)) : Optional.empty());

        call(ecs("DescribeServices", 1));
        assertThat(call(ecs("DescribeServices", 1))).isPresent();
        for (int i = 0; i < 30; i++) {
            assertThat(call(ecs("DescribeTasks", 1))).isEmpty();
        }

        assertThat(limiter.calls()).containsOnlyKeys("ecs.DescribeServices", "ecs.DescribeTasks");
        assertThat(limiter.calls().get("ecs.DescribeTasks")).isEqualTo(new ApiCalls(30, 30, 0, 0, Optional.empty()));
        assertThat(limiter.calls().get("ecs.DescribeServices").limit()).contains(new RateLimit(1, 1));
    }

    @Test
    void countsCallsThrottledOnesTheirPeakSecondAndTheSdksRetries() {
        limiter.enforce((service, action) -> Optional.of(new RateLimit(5, 2)));

        for (int i = 0; i < 8; i++) { // second 0: 8 calls, 3 over the burst
            call(ecs("UpdateService", 1));
        }
        advanceMillis(1000);
        call(ecs("UpdateService", 2)); // second 1: 3 retries, the refill admits 2
        call(ecs("UpdateService", 2));
        call(ecs("UpdateService", 3));

        assertThat(limiter.calls().get("ecs.UpdateService")).isEqualTo(new ApiCalls(11, 8, 4, 3, Optional.of(new RateLimit(5, 2))));
    }

    @Test
    void enforcingAgainStartsFullBucketsAndFreshCountsAndOffLetsAllThrough() {
        limiter.enforce((service, action) -> Optional.of(new RateLimit(1, 1)));
        call(ecs("DescribeServices", 1));
        assertThat(call(ecs("DescribeServices", 1))).isPresent();

        limiter.enforce((service, action) -> Optional.of(new RateLimit(1, 1)));
        assertThat(limiter.calls()).isEmpty();
        assertThat(call(ecs("DescribeServices", 1))).isEmpty();

        limiter.off();
        assertThat(call(ecs("DescribeServices", 1))).isEmpty();
        assertThat(limiter.calls().get("ecs.DescribeServices").calls()).isEqualTo(1);
    }

    @Test
    void thePublishedFiguresHoldEcsAndElbAndLeaveDynamoDbAndLambdaUnlimited() {
        assertThat(PublishedLimits.of("ecs", "DescribeServices")).contains(new RateLimit(100, 20));
        assertThat(PublishedLimits.of("ecs", "DescribeClusters")).contains(new RateLimit(50, 20));
        assertThat(PublishedLimits.of("elasticloadbalancing", "DescribeTargetHealth")).contains(new RateLimit(40, 10));
        assertThat(PublishedLimits.of("dynamodb", "PutItem")).isEmpty();
        assertThat(PublishedLimits.of("lambda", "Invoke")).isEmpty();
        assertThat(PublishedLimits.errorOf("elasticloadbalancing").code()).isEqualTo("Throttling");
        assertThat(PublishedLimits.errorOf("ecs").code()).isEqualTo("ThrottlingException");
    }
}
