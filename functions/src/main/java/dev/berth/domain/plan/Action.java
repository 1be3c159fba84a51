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

    /**
     * Blue/green: sets {@code fleet}'s service to {@code revision} at as many tasks as the live color is set to
     * run, so the new color can take all of the traffic.
     */
    record StartColor(Revision revision, Fleet fleet) implements Action {
        public StartColor {
            if (revision == null || fleet == null || fleet == Fleet.SERVICE) {
                throw new IllegalArgumentException("a StartColor step needs a revision and a color");
            }
        }

        @Override
        public boolean changesService() {
            return true;
        }
    }

    /** Blue/green: writes the weights of {@code listener} so the new color gets {@code newWeight}% (0-100). */
    record ShiftTraffic(Listener listener, int newWeight) implements Action {
        public ShiftTraffic {
            if (listener == null || newWeight < 0 || newWeight > 100) {
                throw new IllegalArgumentException("a ShiftTraffic step needs a listener and a weight of 0-100, not " + newWeight);
            }
        }

        @Override
        public boolean changesService() {
            return true;
        }
    }

    /** Blue/green: scales {@code fleet}'s service to 0 tasks (the color is idle from then on). */
    record ScaleDown(Fleet fleet) implements Action {
        public ScaleDown {
            if (fleet == null || fleet == Fleet.SERVICE) {
                throw new IllegalArgumentException("a ScaleDown step needs a color");
            }
        }

        @Override
        public boolean changesService() {
            return true;
        }
    }

    /** Waits for a person to promote or abort: the state machine holds on a task token until one does, or the gate times out. */
    record AwaitGate() implements Action {
        @Override
        public boolean changesService() {
            return false;
        }
    }
}
