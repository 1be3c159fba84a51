package dev.berth.sandbox.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves: burst first, then the sustained rate, never above the size. */
class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    private long taken(TokenBucket bucket, int tries) {
        return IntStream.range(0, tries).filter(i -> bucket.tryTake()).count();
    }

    private void advanceMillis(long millis) {
        now.addAndGet(millis * 1_000_000);
    }

    @Test
    void aFullBucketLetsItsBurstThroughInOneInstantThenThrottles() {
        TokenBucket bucket = new TokenBucket(new RateLimit(40, 10), now::get);

        assertThat(taken(bucket, 50)).isEqualTo(40);
        assertThat(bucket.tryTake()).isFalse();
    }

    @Test
    void anEmptyBucketRefillsAtItsSustainedRate() {
        TokenBucket bucket = new TokenBucket(new RateLimit(40, 10), now::get);
        taken(bucket, 40);

        advanceMillis(1000);
        assertThat(taken(bucket, 50)).isEqualTo(10);
        advanceMillis(250);
        assertThat(taken(bucket, 50)).isEqualTo(2); // 2.5 tokens: two whole ones, the half stays
        advanceMillis(50);
        assertThat(taken(bucket, 50)).isEqualTo(1); // the half plus another half
    }

    @Test
    void aLongPauseFillsTheBucketToItsSizeAndNoMore() {
        TokenBucket bucket = new TokenBucket(new RateLimit(20, 5), now::get);
        taken(bucket, 20);

        advanceMillis(60_000);
        assertThat(taken(bucket, 100)).isEqualTo(20);
    }

    @Test
    void overAMinuteTheAdmittedCallsAreTheBurstPlusTheRefill() {
        TokenBucket bucket = new TokenBucket(new RateLimit(100, 20), now::get);
        long admitted = 0;
        for (int tick = 0; tick < 600; tick++) { // 50 tries every 100 ms for a minute: far above the limit
            admitted += taken(bucket, 50);
            advanceMillis(100);
        }
        assertThat(admitted).isEqualTo(100 + 20 * 60 - 2); // the last tick's refill comes after the last tries
    }

    @Test
    void aLimitNeedsABurstAndARate() {
        assertThatThrownBy(() -> new RateLimit(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
