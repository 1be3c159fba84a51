package dev.berth.domain.lease;

import dev.berth.domain.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a new deployment does when another one owns its service. */
public enum ConcurrencyPolicy {
    /**
     * The newest push wins (the default): the running deployment stops at its next step boundary, leaves
     * the service consistent and ends SUPERSEDED; then the new one deploys.
     */
    SUPERSEDE,
    /**
     * The running deployment finishes; then the newest waiting push deploys. Pushes overtaken by a newer
     * one while waiting end SUPERSEDED without touching the service.
     */
    QUEUE,
    /** The new deployment ends FAILED at once, naming the one in flight; nothing changes. */
    REJECT;

    /** The policy as targets write it: {@code supersede}, {@code queue} or {@code reject}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConcurrencyPolicy parse(String name) {
        for (ConcurrencyPolicy policy : values()) {
            if (policy.configName().equals(name)) {
                return policy;
            }
        }
        throw new InvalidInputException("concurrency policy '" + name + "' must be one of "
                + Arrays.stream(values()).map(ConcurrencyPolicy::configName).collect(Collectors.joining(", ")));
    }
}
