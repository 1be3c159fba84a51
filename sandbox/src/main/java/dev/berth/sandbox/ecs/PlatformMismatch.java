package dev.berth.sandbox.ecs;

/**
 * How a task whose essential container's image is not built for the task's platform fails, as on
 * Fargate. An image index without the platform fails the pull: containerd finds no manifest for it,
 * and the task stops before it runs ({@code TaskFailedToStart}). A single image built for another
 * architecture is pulled and started, and its entrypoint fails with "exec format error": AWS's
 * knowledge center ("ecs-task-exec-format-error") says the task then stops with "Essential container
 * in task exited" and exit code 1 (the error itself is in the container's log, not in the API).
 */
sealed interface PlatformMismatch {

    /** The pull found no manifest in the index for the task's platform. */
    record NoManifestForPlatform(String container, String image, TaskPlatform platform) implements PlatformMismatch {
        /** Fargate's stopped reason: CannotPullContainerError with containerd's own words. */
        String stoppedReason() {
            return "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
                    + image + ": no match for platform in manifest: not found";
        }
    }

    /** The image runs, but its binaries are for another architecture: the container exits at once. */
    record ExecFormatError(String container) implements PlatformMismatch {}
}
