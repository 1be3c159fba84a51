package dev.berth.domain.plan;

/**
 * One step of a plan: act, then look every {@code check.interval()} until the check gives a verdict.
 *
 * @param name what people read in the timeline and the state machine's history, as a sentence
 */
public record Step(String name, Action action, Check check) {

    public Step {
        if (name == null || name.isBlank() || action == null || check == null) {
            throw new IllegalArgumentException("a step needs a name, an action and a check");
        }
    }
}
