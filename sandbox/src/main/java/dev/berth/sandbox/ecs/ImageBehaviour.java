package dev.berth.sandbox.ecs;

import java.time.Duration;

/** How tasks running a given container image behave once ECS starts them. */
public sealed interface ImageBehaviour {

    /** Starts and passes health checks after the usual number of checks. */
    record Healthy() implements ImageBehaviour {}

    /** Runs, but never passes a health check (load balancer or container health check). */
    record Unhealthy() implements ImageBehaviour {}

    /**
     * The app answers its load balancer's checks, but the container health check's command fails (a
     * dependency the command checks is down, say): a target passes, the container turns UNHEALTHY.
     */
    record ContainerUnhealthy() implements ImageBehaviour {}

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

    /**
     * Runs, but a share of its health checks (load balancer and container) fail (which ones is decided by a generator seeded from the
     * task, so a run repeats), so its target flaps between healthy and unhealthy as the thresholds allow.
     */
    record Flaky(double failureRatio) implements ImageBehaviour {
        public Flaky {
            if (!(failureRatio >= 0 && failureRatio <= 1)) {
                throw new IllegalArgumentException("the failure ratio must be between 0 and 1: " + failureRatio);
            }
        }
    }

    static ImageBehaviour healthy() {
        return new Healthy();
    }

    static ImageBehaviour unhealthy() {
        return new Unhealthy();
    }

    static ImageBehaviour containerUnhealthy() {
        return new ContainerUnhealthy();
    }

    static ImageBehaviour slowStart(Duration extra) {
        return new SlowStart(extra);
    }

    static ImageBehaviour crashOnStart() {
        return new CrashOnStart();
    }

    static ImageBehaviour flaky(double failureRatio) {
        return new Flaky(failureRatio);
    }

    /**
     * The behaviour of a task whose essential containers behave as {@code this} and {@code other}:
     * the worse one wins (a crash beats failing every check beats failing the container health check beats
     * failing some checks beats starting slowly;
     * the slower start and the higher failure ratio win).
     */
    default ImageBehaviour worst(ImageBehaviour other) {
        if (this instanceof SlowStart(Duration mine) && other instanceof SlowStart(Duration theirs)) {
            return mine.compareTo(theirs) >= 0 ? this : other;
        }
        if (this instanceof Flaky(double mine) && other instanceof Flaky(double theirs)) {
            return mine >= theirs ? this : other;
        }
        return severity(other) > severity(this) ? other : this;
    }

    private static int severity(ImageBehaviour behaviour) {
        return switch (behaviour) {
            case Healthy h -> 0;
            case SlowStart s -> 1;
            case Flaky f -> 2;
            case ContainerUnhealthy c -> 3;
            case Unhealthy u -> 4;
            case CrashOnStart c -> 5;
        };
    }
}
