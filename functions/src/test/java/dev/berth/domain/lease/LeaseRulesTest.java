package dev.berth.domain.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of {@link LeaseRules}' Javadoc, per policy, as tables; then the stories they make. */
class LeaseRulesTest {

    static final String KEY = "prod/web";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration HOLD = Duration.ofMinutes(6);
    static final Instant UNTIL = NOW.plus(HOLD);
    static final Instant LIVE = NOW.plusSeconds(60);
    static final Instant LAPSED = NOW.minusSeconds(1);

    /** Three pushes one second apart, the same second apart as Berth accepted them. */
    static final Claim OLD = claim("d-old", 1);
    static final Claim MID = claim("d-mid", 2);
    static final Claim NEW = claim("d-new", 3);

    static Claim claim(String id, int second) {
        Instant pushed = Instant.parse("2026-03-01T11:59:00Z").plusSeconds(second);
        return new Claim(id, Claim.precedenceOf(pushed, pushed.plusMillis(250)));
    }

    static Lease lease(Claim owner, Instant expiresAt, Claim waiting, boolean stop) {
        return new Lease(KEY, Optional.ofNullable(owner), expiresAt, Optional.ofNullable(waiting), stop);
    }

    /** A lease that remembers {@code newest} as the newest claim that ever owned the service. */
    static Lease lease(Claim owner, Instant expiresAt, Claim waiting, boolean stop, Claim newest) {
        return new Lease(KEY, Optional.ofNullable(owner), expiresAt, Optional.ofNullable(waiting), stop, Optional.ofNullable(newest));
    }

    static final Lease FREE = Lease.free(KEY);

    /** Rules 1-3 hold whatever the policy. */
    static Stream<Arguments> policyIndependent() {
        return Stream.of(
                arguments("3: a service never claimed goes to the claimant",
                        FREE, MID, new Acquisition.Acquired(lease(MID, UNTIL, null, false))),
                arguments("3: a released service goes to the claimant, even an older one (nothing newer is live or waiting)",
                        lease(null, Instant.EPOCH, null, false), OLD, new Acquisition.Acquired(lease(OLD, UNTIL, null, false))),
                arguments("1: the live owner asking again keeps it, for a new hold",
                        lease(MID, LIVE, null, false), MID, new Acquisition.Acquired(lease(MID, UNTIL, null, false))),
                arguments("1: the live owner asking again keeps its waiter and the waiter's stop request",
                        lease(MID, LIVE, NEW, true), MID, new Acquisition.Acquired(lease(MID, UNTIL, NEW, true))),
                arguments("2: older than the live owner: superseded by it, lease untouched",
                        lease(MID, LIVE, null, false), OLD, new Acquisition.Superseded(lease(MID, LIVE, null, false), MID)),
                arguments("2: older than the waiter: superseded by the waiter",
                        lease(OLD, LIVE, NEW, true), MID, new Acquisition.Superseded(lease(OLD, LIVE, NEW, true), NEW)),
                arguments("2: older than both: superseded by the newest of them",
                        lease(MID, LIVE, NEW, false), OLD, new Acquisition.Superseded(lease(MID, LIVE, NEW, false), NEW)),
                arguments("2: a waiter asking again after a newer one took its place is superseded by it",
                        lease(OLD, LIVE, NEW, true), MID, new Acquisition.Superseded(lease(OLD, LIVE, NEW, true), NEW)),
                arguments("2: older than a waiter while the owner's hold lapsed: superseded by the waiter",
                        lease(OLD, LAPSED, NEW, true), MID, new Acquisition.Superseded(lease(OLD, LAPSED, NEW, true), NEW)),
                arguments("3: the owner's hold lapsed: the service goes to a newer claimant",
                        lease(MID, LAPSED, null, false), NEW, new Acquisition.Acquired(lease(NEW, UNTIL, null, false))),
                arguments("2: a newer owner whose hold lapsed still supersedes an older claim: its image is the newer",
                        lease(NEW, LAPSED, null, false), MID, new Acquisition.Superseded(lease(NEW, LAPSED, null, false), NEW)),
                arguments("3: a hold that ends right now has lapsed",
                        lease(MID, NOW, null, false), NEW, new Acquisition.Acquired(lease(NEW, UNTIL, null, false))),
                arguments("3: the waiter takes a lapsed owner's service and leaves the line",
                        lease(OLD, LAPSED, MID, true), MID, new Acquisition.Acquired(lease(MID, UNTIL, null, false))),
                arguments("3: the waiter takes a released service and leaves the line",
                        lease(null, Instant.EPOCH, MID, false), MID, new Acquisition.Acquired(lease(MID, UNTIL, null, false))),
                arguments("3: a newer claimant takes a free service; the older waiter is dropped (it finds out by rule 2)",
                        lease(null, Instant.EPOCH, MID, false), NEW, new Acquisition.Acquired(lease(NEW, UNTIL, null, false))),
                arguments("3: the owner asking again after its hold lapsed gets it back when nobody took over",
                        lease(MID, LAPSED, null, false), MID, new Acquisition.Acquired(lease(MID, UNTIL, null, false))),
                arguments("2: the owner asking again after its hold lapsed is superseded by a newer waiter",
                        lease(MID, LAPSED, NEW, true), MID, new Acquisition.Superseded(lease(MID, LAPSED, NEW, true), NEW)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policyIndependent")
    void supersede(String rule, Lease current, Claim claim, Acquisition expected) {
        assertThat(LeaseRules.acquire(current, claim, ConcurrencyPolicy.SUPERSEDE, NOW, HOLD)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policyIndependent")
    void queue(String rule, Lease current, Claim claim, Acquisition expected) {
        assertThat(LeaseRules.acquire(current, claim, ConcurrencyPolicy.QUEUE, NOW, HOLD)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policyIndependent")
    void reject(String rule, Lease current, Claim claim, Acquisition expected) {
        assertThat(LeaseRules.acquire(current, claim, ConcurrencyPolicy.REJECT, NOW, HOLD)).isEqualTo(expected);
    }

    /** Rule 4: the live owner is older; the policy decides. */
    static Stream<Arguments> ownerIsOlder() {
        return Stream.of(
                arguments("supersede: waits and asks the owner to stop", ConcurrencyPolicy.SUPERSEDE,
                        lease(OLD, LIVE, null, false), NEW,
                        new Acquisition.Waiting(lease(OLD, LIVE, NEW, true), OLD, true)),
                arguments("supersede: takes an older waiter's place, still asking", ConcurrencyPolicy.SUPERSEDE,
                        lease(OLD, LIVE, MID, true), NEW,
                        new Acquisition.Waiting(lease(OLD, LIVE, NEW, true), OLD, true)),
                arguments("supersede: the waiter asking again keeps asking", ConcurrencyPolicy.SUPERSEDE,
                        lease(OLD, LIVE, NEW, true), NEW,
                        new Acquisition.Waiting(lease(OLD, LIVE, NEW, true), OLD, true)),
                arguments("queue: waits without asking", ConcurrencyPolicy.QUEUE,
                        lease(OLD, LIVE, null, false), NEW,
                        new Acquisition.Waiting(lease(OLD, LIVE, NEW, false), OLD, false)),
                arguments("queue: takes an older waiter's place", ConcurrencyPolicy.QUEUE,
                        lease(OLD, LIVE, MID, false), NEW,
                        new Acquisition.Waiting(lease(OLD, LIVE, NEW, false), OLD, false)),
                arguments("reject: refused, naming the owner; nothing changes", ConcurrencyPolicy.REJECT,
                        lease(OLD, LIVE, null, false), NEW,
                        new Acquisition.Rejected(lease(OLD, LIVE, null, false), OLD)),
                arguments("reject: an older waiter stays as it was", ConcurrencyPolicy.REJECT,
                        lease(OLD, LIVE, MID, false), NEW,
                        new Acquisition.Rejected(lease(OLD, LIVE, MID, false), OLD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ownerIsOlder")
    void theOwnerIsOlder(String rule, ConcurrencyPolicy policy, Lease current, Claim claim, Acquisition expected) {
        assertThat(LeaseRules.acquire(current, claim, policy, NOW, HOLD)).isEqualTo(expected);
    }

    static Stream<Arguments> renewals() {
        return Stream.of(
                arguments("the owner: a new hold, nobody asked it to stop",
                        lease(MID, LIVE, null, false), MID, new Renewal.Held(lease(MID, UNTIL, null, false), Optional.empty())),
                arguments("the owner: told which newer deployment asked it to stop",
                        lease(MID, LIVE, NEW, true), MID, new Renewal.Held(lease(MID, UNTIL, NEW, true), Optional.of(NEW))),
                arguments("the owner: a queued waiter did not ask it to stop",
                        lease(MID, LIVE, NEW, false), MID, new Renewal.Held(lease(MID, UNTIL, NEW, false), Optional.empty())),
                arguments("the owner with more than half a hold left: held as it is (a look only reads the lease)",
                        lease(MID, NOW.plus(HOLD.dividedBy(2)).plusSeconds(1), null, false), MID,
                        new Renewal.Held(lease(MID, NOW.plus(HOLD.dividedBy(2)).plusSeconds(1), null, false), Optional.empty())),
                arguments("the owner with half a hold left or less: a new hold",
                        lease(MID, NOW.plus(HOLD.dividedBy(2)), NEW, true), MID,
                        new Renewal.Held(lease(MID, UNTIL, NEW, true), Optional.of(NEW))),
                arguments("the owner whose hold lapsed while nobody took over: held again",
                        lease(MID, LAPSED, null, false), MID, new Renewal.Held(lease(MID, UNTIL, null, false), Optional.empty())),
                arguments("not the owner: lost, naming the live owner",
                        lease(NEW, LIVE, null, false), MID, new Renewal.Lost(lease(NEW, LIVE, null, false), Optional.of(NEW))),
                arguments("not the owner, and the owner's hold lapsed: lost, nobody named",
                        lease(NEW, LAPSED, null, false), MID, new Renewal.Lost(lease(NEW, LAPSED, null, false), Optional.empty())),
                arguments("the waiter is not the owner",
                        lease(OLD, LIVE, MID, true), MID, new Renewal.Lost(lease(OLD, LIVE, MID, true), Optional.of(OLD))),
                arguments("a free service: lost",
                        FREE, MID, new Renewal.Lost(FREE, Optional.empty())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renewals")
    void renews(String rule, Lease current, Claim asking, Renewal expected) {
        assertThat(LeaseRules.renew(current, asking.deploymentId(), NOW, HOLD)).isEqualTo(expected);
    }

    static Stream<Arguments> releases() {
        return Stream.of(
                arguments("the owner: the waiter stays, and the stop request (made to the owner) is cleared",
                        lease(OLD, LIVE, NEW, true), OLD, lease(null, Instant.EPOCH, NEW, false, OLD)),
                arguments("the owner without a waiter: the service is free, the owner remembered as the newest that owned it",
                        lease(OLD, LIVE, null, false), OLD, lease(null, Instant.EPOCH, null, false, OLD)),
                arguments("the owner whose hold lapsed",
                        lease(OLD, LAPSED, null, false), OLD, lease(null, Instant.EPOCH, null, false, OLD)),
                arguments("the waiter: it leaves the line, and its stop request with it",
                        lease(OLD, LIVE, NEW, true), NEW, lease(OLD, LIVE, null, false)),
                arguments("a deployment the lease does not name: nothing changes",
                        lease(OLD, LIVE, NEW, true), MID, lease(OLD, LIVE, NEW, true)),
                arguments("a free service stays free",
                        FREE, MID, FREE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void releases(String rule, Lease current, Claim releasing, Lease expected) {
        assertThat(LeaseRules.release(current, releasing.deploymentId())).isEqualTo(expected);
        assertThat(LeaseRules.release(expected, releasing.deploymentId())).as("releasing twice changes nothing more").isEqualTo(expected);
    }

    @Test
    void theStoreWritesBackWhatTheRulesGive() {
        Acquisition waiting = LeaseRules.acquire(lease(OLD, LIVE, null, false), NEW, ConcurrencyPolicy.SUPERSEDE, NOW, HOLD);

        assertThat(waiting.lease().waiting()).contains(NEW);
        assertThat(waiting.lease().isOwnedBy(OLD.deploymentId(), NOW)).isTrue();
        assertThat(waiting.lease().isOwnedBy(NEW.deploymentId(), NOW)).isFalse();
    }

    @Test
    void expiryDecidesWhetherTheOwnerIsLive() {
        Lease held = lease(MID, LIVE, null, false);

        assertThat(held.liveOwner(NOW)).contains(MID);
        assertThat(held.liveOwner(LIVE.minusNanos(1))).contains(MID);
        assertThat(held.liveOwner(LIVE)).isEmpty();
        assertThat(held.isOwnedBy(MID.deploymentId(), LIVE)).isFalse();
        assertThat(FREE.liveOwner(NOW)).isEmpty();
    }

    @Test
    void aStopRequestNeedsAWaiter() {
        assertThatThrownBy(() -> lease(OLD, LIVE, null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lease of prod/web: a stop request needs a waiting deployment");
    }

    /** Three rapid pushes in every order of arrival: the last push ends as owner, the other two stand aside. */
    @ParameterizedTest(name = "arriving {0}")
    @MethodSource("arrivalOrders")
    void threeRapidClaimsTheLastWins(List<Claim> arrival) {
        Lease lease = FREE;
        Map<Claim, String> ended = new LinkedHashMap<>();
        Instant now = NOW;
        for (Claim claim : arrival) {
            Acquisition a = LeaseRules.acquire(lease, claim, ConcurrencyPolicy.SUPERSEDE, now, HOLD);
            lease = a.lease();
            if (a instanceof Acquisition.Superseded s) {
                ended.put(claim, "superseded by " + s.by().deploymentId());
                lease = LeaseRules.release(lease, claim.deploymentId());
            }
        }
        // Waiters ask again and the owner reaches a step boundary, until nobody is left waiting.
        for (int round = 0; round < 3; round++) {
            now = now.plusSeconds(15);
            for (Claim claim : arrival) {
                if (ended.containsKey(claim)) {
                    continue;
                }
                if (lease.isOwnedBy(claim.deploymentId(), now)) {
                    Renewal r = LeaseRules.renew(lease, claim.deploymentId(), now, HOLD);
                    lease = leaseOf(r);
                    if (r instanceof Renewal.Held held && held.stopRequestedBy().isPresent()) {
                        ended.put(claim, "superseded by " + held.stopRequestedBy().get().deploymentId());
                        lease = LeaseRules.release(lease, claim.deploymentId());
                    }
                } else {
                    Acquisition a = LeaseRules.acquire(lease, claim, ConcurrencyPolicy.SUPERSEDE, now, HOLD);
                    lease = a.lease();
                    if (a instanceof Acquisition.Superseded s) {
                        ended.put(claim, "superseded by " + s.by().deploymentId());
                        lease = LeaseRules.release(lease, claim.deploymentId());
                    }
                }
            }
        }

        assertThat(lease.liveOwner(now)).contains(NEW);
        assertThat(lease.waiting()).isEmpty();
        assertThat(ended).containsOnlyKeys(OLD, MID).containsValues("superseded by d-new");
        assertThat(ended.values()).allMatch(v -> v.equals("superseded by d-new") || v.equals("superseded by d-mid"));
    }

    static Stream<List<Claim>> arrivalOrders() {
        List<List<Claim>> orders = new ArrayList<>();
        permute(new ArrayList<>(List.of(OLD, MID, NEW)), 0, orders);
        return orders.stream();
    }

    private static void permute(List<Claim> claims, int from, List<List<Claim>> out) {
        if (from == claims.size()) {
            out.add(List.copyOf(claims));
            return;
        }
        for (int i = from; i < claims.size(); i++) {
            java.util.Collections.swap(claims, from, i);
            permute(claims, from + 1, out);
            java.util.Collections.swap(claims, from, i);
        }
    }

    @Test
    void threeClaimsInOrderOfPushWhileTheFirstOwnsTheService() {
        Acquisition first = LeaseRules.acquire(FREE, OLD, ConcurrencyPolicy.SUPERSEDE, NOW, HOLD);
        Acquisition second = LeaseRules.acquire(first.lease(), MID, ConcurrencyPolicy.SUPERSEDE, NOW.plusMillis(300), HOLD);
        Acquisition third = LeaseRules.acquire(second.lease(), NEW, ConcurrencyPolicy.SUPERSEDE, NOW.plusMillis(600), HOLD);
        Acquisition secondAgain = LeaseRules.acquire(third.lease(), MID, ConcurrencyPolicy.SUPERSEDE, NOW.plusSeconds(15), HOLD);
        Renewal firstAtItsStep = LeaseRules.renew(secondAgain.lease(), OLD.deploymentId(), NOW.plusSeconds(16), HOLD);
        Lease afterFirst = LeaseRules.release(leaseOf(firstAtItsStep), OLD.deploymentId());
        Acquisition thirdAgain = LeaseRules.acquire(afterFirst, NEW, ConcurrencyPolicy.SUPERSEDE, NOW.plusSeconds(30), HOLD);

        assertThat(first).isInstanceOf(Acquisition.Acquired.class);
        assertThat(second).isEqualTo(new Acquisition.Waiting(lease(OLD, UNTIL, MID, true), OLD, true));
        assertThat(third).isEqualTo(new Acquisition.Waiting(lease(OLD, UNTIL, NEW, true), OLD, true));
        assertThat(secondAgain).isEqualTo(new Acquisition.Superseded(third.lease(), NEW));
        assertThat(firstAtItsStep).isInstanceOfSatisfying(Renewal.Held.class,
                held -> assertThat(held.stopRequestedBy()).contains(NEW));
        assertThat(afterFirst).isEqualTo(lease(null, Instant.EPOCH, NEW, false, OLD));
        assertThat(thirdAgain).isEqualTo(new Acquisition.Acquired(lease(NEW, NOW.plusSeconds(30).plus(HOLD), null, false)));
    }

    @Test
    void queueLetsTheOwnerFinishThenTheNewestWaiterDeploys() {
        Lease owned = LeaseRules.acquire(FREE, OLD, ConcurrencyPolicy.QUEUE, NOW, HOLD).lease();
        Lease queued = LeaseRules.acquire(owned, MID, ConcurrencyPolicy.QUEUE, NOW, HOLD).lease();
        Lease overtaken = LeaseRules.acquire(queued, NEW, ConcurrencyPolicy.QUEUE, NOW, HOLD).lease();

        assertThat(LeaseRules.renew(overtaken, OLD.deploymentId(), NOW.plusSeconds(10), HOLD))
                .isInstanceOfSatisfying(Renewal.Held.class, held -> assertThat(held.stopRequestedBy()).isEmpty());
        assertThat(LeaseRules.acquire(overtaken, MID, ConcurrencyPolicy.QUEUE, NOW.plusSeconds(10), HOLD))
                .isEqualTo(new Acquisition.Superseded(overtaken, NEW));
        Lease finished = LeaseRules.release(overtaken, OLD.deploymentId());
        assertThat(LeaseRules.acquire(finished, NEW, ConcurrencyPolicy.QUEUE, NOW.plusSeconds(20), HOLD))
                .isEqualTo(new Acquisition.Acquired(lease(NEW, NOW.plusSeconds(20).plus(HOLD), null, false)));
    }

    /**
     * Rule 2 says an older image is never rolled out over a newer one, but the lease forgets the newer
     * deployment once it concluded (or its hold lapsed): a push that was older still gets the service then.
     * Rule 3 drops an older waiter when a newer claimant takes a free service, so this is reachable: the
     * older push was waiting (or its Acquire was being retried) while the newer one deployed and finished.
     */
    @Test
    void anOlderPushNeverGetsTheServiceAfterANewerOneConcluded() {
        ConcurrencyPolicy policy = ConcurrencyPolicy.SUPERSEDE;
        Lease newerHeld = LeaseRules.acquire(FREE, NEW, policy, NOW, HOLD).lease();
        Lease newerConcluded = LeaseRules.release(newerHeld, NEW.deploymentId());

        assertThat(LeaseRules.acquire(newerConcluded, OLD, policy, NOW.plusSeconds(60), HOLD))
                .as("the older push %s, after %s deployed and concluded", OLD.deploymentId(), NEW.deploymentId())
                .isInstanceOf(Acquisition.Superseded.class);
    }

    @Test
    void anOlderWaiterDroppedByANewerOwnerNeverGetsTheServiceAfterIt() {
        Lease olderWaits = LeaseRules.acquire(lease(OLD, LIVE, null, false), MID, ConcurrencyPolicy.SUPERSEDE, NOW, HOLD).lease();
        Lease ownerDone = LeaseRules.release(olderWaits, OLD.deploymentId());
        Lease newerTookIt = LeaseRules.acquire(ownerDone, NEW, ConcurrencyPolicy.SUPERSEDE, NOW.plusSeconds(1), HOLD).lease();
        Lease newerDone = LeaseRules.release(newerTookIt, NEW.deploymentId());

        assertThat(newerTookIt.waiting()).as("rule 3 drops the older waiter").isEmpty();
        assertThat(LeaseRules.acquire(newerDone, MID, ConcurrencyPolicy.SUPERSEDE, NOW.plusSeconds(20), HOLD))
                .isInstanceOf(Acquisition.Superseded.class);
    }

    @Test
    void anOlderPushNeverTakesTheServiceFromANewerOneWhoseHoldLapsed() {
        Lease newerHeld = LeaseRules.acquire(FREE, NEW, ConcurrencyPolicy.SUPERSEDE, NOW, HOLD).lease();

        assertThat(LeaseRules.acquire(newerHeld, OLD, ConcurrencyPolicy.SUPERSEDE, UNTIL.plusSeconds(1), HOLD))
                .isInstanceOf(Acquisition.Superseded.class);
    }

    @ParameterizedTest
    @EnumSource(ConcurrencyPolicy.class)
    void policiesAreConfiguredByTheirLowerCaseNames(ConcurrencyPolicy policy) {
        assertThat(ConcurrencyPolicy.parse(policy.configName())).isEqualTo(policy);
        assertThat(policy.configName()).isEqualTo(policy.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void anUnknownPolicyNamesTheKnownOnes() {
        assertThatThrownBy(() -> ConcurrencyPolicy.parse("SUPERSEDE"))
                .isInstanceOf(dev.berth.domain.InvalidInputException.class)
                .hasMessage("concurrency policy 'SUPERSEDE' must be one of supersede, queue, reject");
    }

    /** The lease a renewal leaves to store (both outcomes carry one). */
    static Lease leaseOf(Renewal renewal) {
        return switch (renewal) {
            case Renewal.Held held -> held.lease();
            case Renewal.Lost lost -> lost.lease();
        };
    }
}
