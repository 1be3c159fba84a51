package dev.berth.domain.deployment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic deployment ids, so a repeated trigger maps to the same deployment. */
public final class DeploymentIds {

    private static final int HEX_LENGTH = 30;

    private DeploymentIds() {}

    /**
     * {@code d-} and 30 lower-case hex digits of SHA-256 over the three values, each prefixed with its length so that
     * ("a", "bc") and ("ab", "c") differ. 32 characters of [a-z0-9-]: valid as a Step Functions execution name.
     */
    public static String of(String triggerEventId, String cluster, String service) {
        MessageDigest sha256 = sha256();
        for (String part : new String[] {triggerEventId, cluster, service}) {
            if (part == null || part.isEmpty()) {
                throw new IllegalArgumentException("a deployment id needs a trigger event id, a cluster and a service");
            }
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            sha256.update(bytes);
        }
        return "d-" + HexFormat.of().formatHex(sha256.digest()).substring(0, HEX_LENGTH);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
