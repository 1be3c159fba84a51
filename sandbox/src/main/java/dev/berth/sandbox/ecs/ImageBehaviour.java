package dev.berth.sandbox.ecs;

import java.time.Duration;

/** How tasks running a given container image behave once ECS starts them. */
public sealed interface ImageBehaviour {

    /** Starts and passes health checks after the usual number of checks. */
    record Healthy() implements ImageBehaviour {}

    /** Runs, but never passes a health check (load balancer or container health check). */
    record Unhealthy() implements ImageBehaviour {}

    /** Healthy, but only after {@code extra} more sim time than a healthy image needs. */
    record SlowStart(Duration extra) implements ImageBehaviour {
        public SlowStart {
            if (extra.isNegative()) {
                throw new IllegalArgumentException("extra start time must not be negative: " + extra);
            }
        }
    }

    /** The essential container exits right after the task reaches RUNNING. */
    record CrashOnStart() implements ImageBehaviour {}

    static ImageBehaviour healthy() {
        return new Healthy();
    }

    static ImageBehaviour unhealthy() {
        return new Unhealthy();
    }

    static ImageBehaviour slowStart(Duration extra) {
        return new SlowStart(extra);
    }

    static ImageBehaviour crashOnStart() {
        return new CrashOnStart();
    }

    /**
     * The behaviour of a task whose essential containers behave as {@code this} and {@code other}:
     * the worse one wins (a crash beats failing checks beats starting slowly; the slower start wins).
     */
    default ImageBehaviour worst(ImageBehaviour other) {
        if (this instanceof SlowStart(Duration mine) && other instanceof SlowStart(Duration theirs)) {
            return mine.compareTo(theirs) >= 0 ? this : other;
        }
        return severity(other) > severity(this) ? other : this;
    }

    private static int severity(ImageBehaviour behaviour) {
        return switch (behaviour) {
            case Healthy h -> 0;
            case SlowStart s -> 1;
            case Unhealthy u -> 2;
            case CrashOnStart c -> 3;
        };
    }
}
