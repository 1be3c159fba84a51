package dev.berth.engine;

import java.time.Duration;

/**
 * How long a deployment holds its service between two renewals: the wait until its next step or look,
 * plus a margin for Step Functions' retries with backoff. A stopped execution loses the service that
 * long after its last renewal, at most.
 */
final class LeaseHold {

    static final Duration MARGIN = Duration.ofMinutes(5);

    private LeaseHold() {}

    static Duration forWait(long waitSeconds) {
        return Duration.ofSeconds(Math.max(0, waitSeconds)).plus(MARGIN);
    }
}
