package dev.berth.domain.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random histories of one service's lease: several deployments (each pushed after the one before, so
 * with increasing precedence) acquire, renew and release in any interleaving while the clock moves, and
 * each behaves as the engine does (a deployment superseded, rejected, told to stop or that lost the
 * service releases and never asks again). The lease's promises must hold after every operation.
 */
class LeaseRulesPropertiesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration HOLD = Duration.ofMinutes(5);

    /** One thing that happens: deployment {@code who} acts, or the clock moves on. */
    sealed interface Op {
        record Acquire(int who) implements Op {}
        record Renew(int who) implements Op {}
        record Release(int who) implements Op {}
        record Tick(int seconds) implements Op {}
    }

    /** A history: the policy of the service's target, and what happens, in order. */
    record History(ConcurrencyPolicy policy, int deployments, List<Op> ops) {}

    @Provide
    Arbitrary<History> histories() {
        return Combinators.combine(Arbitraries.of(ConcurrencyPolicy.class), Arbitraries.integers().between(2, 5))
                .flatAs((policy, n) -> ops(n).list().ofMaxSize(60).map(ops -> new History(policy, n, ops)));
    }

    private static Arbitrary<Op> ops(int deployments) {
        Arbitrary<Integer> who = Arbitraries.integers().between(0, deployments - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, who.map(Op.Acquire::new)),
                net.jqwik.api.Tuple.of(3, who.map(Op.Renew::new)),
                net.jqwik.api.Tuple.of(2, who.map(Op.Release::new)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 600).map(Op.Tick::new)));
    }

    /** What the world looks like to a test that replays a history. */
    private static final class World {
        final ConcurrencyPolicy policy;
        final List<Claim> claims = new ArrayList<>();
        Lease lease = Lease.free("prod/web");
        Instant now = T0;
        final Set<Integer> done = new HashSet<>();
        final Set<Integer> claimed = new HashSet<>();
        /** Deployments that were told the service is theirs, until when. */
        final Map<Integer, Instant> holds = new HashMap<>();
        final List<String> violations = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        /** Deployments told to stand aside for a newer one. */
        final List<String> told = new ArrayList<>();
        Optional<Claim> newestAcquired = Optional.empty();

        World(History history) {
            this.policy = history.policy();
            for (int i = 0; i < history.deployments(); i++) {
                Instant pushed = T0.minusSeconds(100).plusSeconds(i);
                claims.add(new Claim("d-" + i, Claim.precedenceOf(pushed, pushed.plusMillis(10))));
            }
        }

        void apply(Op op) {
            String did;
            switch (op) {
                case Op.Tick tick -> {
                    now = now.plusSeconds(tick.seconds());
                    did = "clock +" + tick.seconds() + "s";
                }
                case Op.Acquire acquire when !done.contains(acquire.who()) && !holds.containsKey(acquire.who()) ->
                        did = "d-" + acquire.who() + " acquires: " + acquire(acquire.who());
                case Op.Renew renew when holds.containsKey(renew.who()) && !done.contains(renew.who()) ->
                        did = "d-" + renew.who() + " renews: " + renew(renew.who());
                case Op.Release release when !done.contains(release.who()) -> {
                    end(release.who(), "concluded");
                    did = "d-" + release.who() + " concludes and releases";
                }
                default -> did = null; // not something the engine would do in this state
            }
            if (did != null) {
                log.add(did + " -> owner " + lease.owner().map(Claim::deploymentId).orElse("-")
                        + (lease.liveOwner(now).isPresent() ? "" : " (not live)") + ", waiting "
                        + lease.waiting().map(Claim::deploymentId).orElse("-") + (lease.stopRequested() ? ", stop asked" : ""));
            }
            check();
        }

        private String acquire(int who) {
            Claim claim = claims.get(who);
            claimed.add(who);
            Acquisition a = LeaseRules.acquire(lease, claim, policy, now, HOLD);
            lease = a.lease();
            switch (a) {
                case Acquisition.Acquired acquired -> {
                    holds.put(who, lease.expiresAt());
                    newestAcquired.filter(n -> n.isNewerThan(claim)).ifPresent(n -> violations.add(
                            "older acquired: " + claim.deploymentId() + " acquired after the newer " + n.deploymentId() + " had"));
                    Claim newestSoFar = claimed.stream().map(claims::get).max(Claim::compareTo).orElseThrow();
                    if (claim.equals(newestSoFar)) {
                        newestAcquired = Optional.of(claim);
                    }
                }
                case Acquisition.Waiting waiting -> {
                    if (waiting.owner().isNewerThan(claim)) {
                        violations.add(claim.deploymentId() + " waits for the newer " + waiting.owner().deploymentId());
                    }
                }
                case Acquisition.Superseded superseded -> {
                    if (!superseded.by().isNewerThan(claim)) {
                        violations.add(claim.deploymentId() + " superseded by the older " + superseded.by().deploymentId());
                    }
                    told.add(claim.deploymentId() + " superseded");
                    end(who, "superseded");
                }
                case Acquisition.Rejected rejected -> end(who, "rejected");
            }
            return a.getClass().getSimpleName();
        }

        private String renew(int who) {
            Renewal r = LeaseRules.renew(lease, claims.get(who).deploymentId(), now, HOLD);
            lease = leaseOf(r);
            switch (r) {
                case Renewal.Held held -> {
                    holds.put(who, lease.expiresAt());
                    held.stopRequestedBy().ifPresent(by -> {
                        if (!by.isNewerThan(claims.get(who))) {
                            violations.add(claims.get(who).deploymentId() + " asked to stop by the older " + by.deploymentId());
                        }
                        told.add(claims.get(who).deploymentId() + " asked to stop");
                        end(who, "stopped");
                    });
                }
                case Renewal.Lost lost -> end(who, "lost");
            }
            return r instanceof Renewal.Held held && held.stopRequestedBy().isPresent() ? "Held, asked to stop" : r.getClass().getSimpleName();
        }

        private void end(int who, String why) {
            lease = LeaseRules.release(lease, claims.get(who).deploymentId());
            holds.remove(who);
            done.add(who);
        }

        private void check() {
            List<Integer> live = holds.entrySet().stream().filter(e -> now.isBefore(e.getValue())).map(Map.Entry::getKey).toList();
            if (live.size() > 1) {
                violations.add("two deployments hold the service: " + live);
            }
            live.forEach(who -> {
                if (!lease.isOwnedBy(claims.get(who).deploymentId(), now)) {
                    violations.add("d-" + who + " holds the service but the lease says " + lease.owner());
                }
            });
            if (lease.stopRequested() && lease.waiting().isEmpty()) {
                violations.add("a stop request without a waiter");
            }
        }
    }

    @Property(tries = 2000)
    void atMostOneDeploymentHoldsTheServiceAndNoneStandsAsideForAnOlderOne(@ForAll("histories") History history) {
        World world = new World(history);
        history.ops().forEach(world::apply);

        assertThat(world.violations.stream().filter(v -> !v.startsWith("older acquired")).toList())
                .as("history:%n%s", String.join("\n", world.log)).isEmpty();
    }

    @Property(tries = 2000)
    void theNewestClaimIsNeverSupersededNorAskedToStop(@ForAll("histories") History history) {
        World world = new World(history);
        history.ops().forEach(world::apply);

        assertThat(world.told).as("history:%n%s", String.join("\n", world.log)).noneMatch(t -> t.startsWith("d-" + (history.deployments() - 1) + " "));
    }

    /**
     * Once the newest push so far has held the service, no older push ever gets it afterwards: an older
     * image is never rolled out over a newer one (LeaseRules rule 2, and issue 6's "the newest push wins").
     */
    @Property(tries = 2000)
    void onceTheNewestClaimHasAcquiredNoOlderClaimEverAcquires(@ForAll("histories") History history) {
        World world = new World(history);
        history.ops().forEach(world::apply);

        assertThat(world.violations.stream().filter(v -> v.startsWith("older acquired")).toList())
                .as("history:%n%s", String.join("\n", world.log)).isEmpty();
    }

    /** The lease a renewal leaves to store (both outcomes carry one). */
    static Lease leaseOf(Renewal renewal) {
        return switch (renewal) {
            case Renewal.Held held -> held.lease();
            case Renewal.Lost lost -> lost.lease();
        };
    }
}
