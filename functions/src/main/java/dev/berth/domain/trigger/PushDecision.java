package dev.berth.domain.trigger;

/** What to do with an incoming push. */
public sealed interface PushDecision {

    /** Deploy this push to the targets that follow it. */
    record Deploy(ImagePush push) implements PushDecision {

        public Deploy {
            if (push == null) {
                throw new IllegalArgumentException("a deploy decision needs the push");
            }
        }
    }

    /** Do nothing; the reason says why, for the log. */
    record Ignore(String reason) implements PushDecision {

        public Ignore {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an ignore decision needs a reason");
            }
        }
    }
}
