package dev.berth.sandbox.bench;

import java.time.Duration;

/**
 * A many-deployments-at-once scenario: {@code services} rolling services spread over {@code clusters}
 * clusters, each followed by a Berth target; every one gets a push within {@code pushWithin}, every
 * {@code badEvery}-th push an image that never turns healthy; while the gateway enforces AWS's rate
 * limits and fails {@code faultRatio} of the ECS, ELB and Step Functions calls (half as throttling,
 * half as 5xx).
 *
 * @param pollSeconds     the targets' poll interval: how often each deployment looks at its rollout
 * @param deadlineSeconds the targets' health deadline
 * @param settleSeconds   how long a healthy revision must stay healthy
 */
public record ScaleShape(int services, int clusters, int badEvery, Duration pushWithin, double faultRatio,
                         long pollSeconds, long deadlineSeconds, long settleSeconds) {

    public ScaleShape {
        if (services < 1 || clusters < 1 || clusters > services || badEvery < 2) {
            throw new IllegalArgumentException("need services >= clusters >= 1 and badEvery >= 2, got " + services + ", "
                    + clusters + ", " + badEvery);
        }
        if (faultRatio < 0 || faultRatio >= 1) {
            throw new IllegalArgumentException("the fault ratio must be in [0, 1), got " + faultRatio);
        }
    }

    /** The bench's shape: pushes within a minute, 1 in 10 bad, 30% of calls failing, looks every 15 s as a real target would. */
    public static ScaleShape bench(int services, int clusters) {
        return new ScaleShape(services, clusters, 10, Duration.ofMinutes(1), 0.30, 15, 600, 5);
    }

    public boolean isBad(int service) {
        return service % badEvery == badEvery - 1;
    }
}
