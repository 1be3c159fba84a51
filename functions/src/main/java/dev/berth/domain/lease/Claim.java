package dev.berth.domain.lease;

/**
 * A deployment asking for its service.
 *
 * @param precedence orders claims, newest push highest: the time Berth accepted the trigger, written
 *                   sortably (nine fractional digits), then the deployment id to break ties. Compared as text.
 */
public record Claim(String deploymentId, String precedence) implements Comparable<Claim> {

    /** Instants as text that sorts as time does: always nine fractional digits. */
    private static final java.time.format.DateTimeFormatter SORTABLE =
            new java.time.format.DateTimeFormatterBuilder().appendInstant(9).toFormatter();

    public Claim {
        if (deploymentId == null || deploymentId.isBlank() || precedence == null || precedence.isBlank()) {
            throw new IllegalArgumentException("a claim needs a deployment id and a precedence");
        }
    }

    /**
     * The precedence of a push made at {@code pushedAt} (the registry's time, to the second for ECR) and
     * accepted by Berth at {@code acceptedAt}, which orders pushes within one second.
     */
    public static String precedenceOf(java.time.Instant pushedAt, java.time.Instant acceptedAt) {
        return SORTABLE.format(pushedAt) + "|" + SORTABLE.format(acceptedAt);
    }

    /** Whether this claim is for a newer push than {@code other}. */
    public boolean isNewerThan(Claim other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Claim other) {
        int byPrecedence = precedence.compareTo(other.precedence);
        return byPrecedence != 0 ? byPrecedence : deploymentId.compareTo(other.deploymentId);
    }
}
