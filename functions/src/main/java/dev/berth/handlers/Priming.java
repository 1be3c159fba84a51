package dev.berth.handlers;

import dev.berth.domain.plan.Phase;
import dev.berth.engine.EnginePorts;
import dev.berth.workflow.Next;
import dev.berth.workflow.Revisions;
import dev.berth.workflow.StepState;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart's runtime hook for one handler instance: before Lambda snapshots the initialised function
 * ({@code beforeCheckpoint}), the handler builds the SDK clients its function calls and runs its real
 * JSON paths once (a representative request read through the handler's own reader, a representative
 * answer written through Berth's mapper), and sends the calls Berth makes most through twins of those
 * clients whose HTTP client answers in the process ({@code AwsClients.primeCalls}), so a restored function
 * starts with its JSON and the SDK's whole request path loaded, linked and their Jackson (de)serializers
 * cached. No AWS request leaves, no port changes state, the real clients send nothing. Off SnapStart and CRaC, {@code org.crac} registers nothing and this never runs: an
 * on-demand start stays lazy (see {@link Ports}).
 *
 * <p>{@code afterRestore} has nothing to reset, because nothing primed holds state that must differ
 * between restored sandboxes (SnapStart's uniqueness guidance: credentials, random seeds, clocks,
 * connections):
 * <ul>
 *   <li>credentials: no credential is resolved while priming (the twins sign with placeholder keys). Under SnapStart Lambda gives the function
 *       container credentials ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), not access keys in the
 *       environment, so {@code AwsClients} uses the default provider chain, which fetches them at the first
 *       request after restore and refreshes them before they expire; keys captured at init are never used
 *       under SnapStart ({@code AwsClients} checks {@code AWS_LAMBDA_INITIALIZATION_TYPE});</li>
 *   <li>randomness: Berth keeps no {@code Random} and no seed; deployment ids derive from the push's event id,
 *       task tokens come with the request, and the SDK's retry jitter draws at retry time, after restore;</li>
 *   <li>clocks: no time is captured; every step reads {@code Clock.systemUTC()} per request and log lines
 *       stamp {@code Instant.now()} as they are written;</li>
 *   <li>connections: none exists at the snapshot. The URLConnection HTTP client opens its connection per
 *       request, and priming sends none, so no socket or TLS session is in the snapshot.</li>
 * </ul>
 * The SDK clients themselves are safe to snapshot: region, endpoint and retry settings come from the
 * function's configuration, which a restored version shares with the one snapshotted.
 */
public final class Priming implements Resource {

    /**
     * What priming exercises for one function: a small, real request as the JSON its trigger sends, a
     * representative answer of the handler's result type, and the ports the function calls (their SDK
     * clients are built; no port method is called).
     */
    public record Sample<O>(String request, O answer, List<Function<EnginePorts, ?>> ports) {

        public Sample {
            ports = List.copyOf(ports);
        }
    }

    // Parts the handlers' samples share: one rolling deployment of shop/web, as in events/*.json.
    static final String ROLLING = """
            {"name": "rolling", "healthDeadlineSeconds": 600, "pollIntervalSeconds": 15, "failureThreshold": 2,
             "concurrencyPolicy": "supersede"}""";
    static final String INITIAL_STEP = """
            {"phase": "FORWARD", "index": -1, "name": "", "startedAt": "1970-01-01T00:00:00Z", "waitSeconds": 0,
             "unhealthyLooks": 0, "summary": "", "next": "PREPARE", "outcome": "", "reason": "", "rollbackCause": ""}""";
    static final String STEP_STARTED_JSON = """
            {"phase": "FORWARD", "index": 0, "name": "Roll the service out to the new revision",
             "startedAt": "2026-11-02T21:05:30Z", "waitSeconds": 15, "unhealthyLooks": 0, "summary": "", "next": "OBSERVE",
             "outcome": "", "reason": "", "rollbackCause": ""}""";
    static final StepState STEP_STARTED = new StepState(Phase.FORWARD, 0, "Roll the service out to the new revision",
            Instant.parse("2026-11-02T21:05:30Z"), 15, 0, "", Next.OBSERVE, "", "", "");
    static final String REVISIONS_JSON = """
            {"previous": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
             "next": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:8",
             "rollback": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7"}""";
    static final Revisions REVISIONS = new Revisions("arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/web:8", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7");
    static final String DIGEST = "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd7d2b1b4a";

    private final JsonStreamHandler<?, ?> handler;

    private Priming(JsonStreamHandler<?, ?> handler) {
        this.handler = handler;
    }

    /**
     * Registers the hook for {@code handler}. {@code org.crac} keeps resources weakly: the handler keeps
     * the returned object, so the hook lives as long as the handler does.
     */
    static Priming register(JsonStreamHandler<?, ?> handler) {
        Priming priming = new Priming(handler);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        handler.prime();
    }

    /** Nothing to reset: see the class comment for why nothing primed carries state into a restored sandbox. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }
}
