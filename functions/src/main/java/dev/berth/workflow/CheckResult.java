package dev.berth.workflow;

import java.time.Instant;
import java.util.Optional;

/** One health check's verdict ({@code HEALTHY}, {@code IN_PROGRESS}, {@code UNHEALTHY}, or {@code NONE} before the first). */
public record CheckResult(String verdict, String summary, Optional<Instant> observedAt) {

    public static final CheckResult NONE = new CheckResult("NONE", "", Optional.empty());

    public CheckResult {
        observedAt = observedAt == null ? Optional.empty() : observedAt;
        summary = summary == null ? "" : summary;
    }
}
