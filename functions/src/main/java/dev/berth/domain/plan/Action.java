package dev.berth.domain.plan;

/** What a step does before it is observed. */
public sealed interface Action {

    /** Whether doing it changes the service (so a failure afterwards has something to undo). */
    boolean changesService();

    /** Points the ECS service at a revision; ECS then rolls its tasks over. */
    record UpdateService(Revision revision) implements Action {
        public UpdateService {
            if (revision == null) {
                throw new IllegalArgumentException("an UpdateService step needs the revision it sets");
            }
        }

        @Override
        public boolean changesService() {
            return true;
        }
    }

    /** Changes nothing: the step only watches (ECS's own circuit-breaker rollback, for one). */
    record Watch() implements Action {
        @Override
        public boolean changesService() {
            return false;
        }
    }
}
