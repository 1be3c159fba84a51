package dev.berth.sandbox.ecs;

import java.util.SplittableRandom;

/**
 * Makes the identifiers of the simulated data plane from one seeded generator, so a run driven by a
 * manual clock produces the same deployment ids, task ARNs and IPs every time.
 */
final class IdSource {

    private static final int HOSTS_PER_SUBNET = 250;

    private final SplittableRandom random;
    private int addressesHandedOut;

    IdSource(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code ecs-svc/} and 19 digits, like ECS deployment ids. */
    String deploymentId() {
        StringBuilder id = new StringBuilder("ecs-svc/").append(1 + random.nextInt(9));
        for (int i = 1; i < 19; i++) {
            id.append(random.nextInt(10));
        }
        return id.toString();
    }

    /** 32 lower-case hex digits, like the id at the end of a task ARN. */
    String taskId() {
        return hex(32);
    }

    /** A random-looking UUID (for service event ids and request ids). */
    String uuid() {
        String hex = hex(32);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /**
     * The next private IP of the simulated VPC: 10.0.1.4, 10.0.1.5, ... each handed out once, skipping
     * the first addresses of each /24 that AWS reserves.
     */
    String privateIp() {
        int n = addressesHandedOut++;
        int subnet = 1 + (n / HOSTS_PER_SUBNET) % 254;
        int host = 4 + n % HOSTS_PER_SUBNET;
        return "10.0." + subnet + "." + host;
    }

    private String hex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
