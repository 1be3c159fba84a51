package dev.berth.sandbox.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.adapters.DynamoDbDeploymentHistory;
import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.Progress;
import dev.berth.domain.plan.Phase;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.domain.deployment.Trigger;
import dev.berth.ports.DeploymentHistory;
import dev.berth.ports.TransientAwsException;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link DynamoDbDeploymentHistory} on the sandbox's DynamoDB Local, in the template's DeploymentsTable. */
class DynamoDbDeploymentHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-02T21:04:56.123456789Z");
    private static LocalBerth berth;
    private static DeploymentHistory history;

    @BeforeAll
    static void startSandbox() {
        berth = SharedLocalBerth.get();
        history = new DynamoDbDeploymentHistory(berth.clients().dynamoDb(), berth.sandbox().tableName("DeploymentsTable"));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Deployment pending(String id, String cluster, String service, Instant startedAt) {
        return Deployment.pending(id, cluster, service, new Trigger("ecr", "event-" + id, "ecr:123456789012"),
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.0.0", Optional.empty(), "rolling", startedAt,
                "ecr push of " + id, Optional.empty());
    }

    private static Deployment pending(String id) {
        return pending(id, unique("c"), "web", T0);
    }

    private static long storedVersion(String id) {
        Map<String, AttributeValue> item = berth.clients().dynamoDb().getItem(r -> r
                .tableName(berth.sandbox().tableName("DeploymentsTable"))
                .key(Map.of("deploymentId", AttributeValue.fromS(id))).consistentRead(true)).item();
        return Long.parseLong(item.get("version").n());
    }

    @Test
    void createStoresANewRecordOnceAndRefusesTheSameIdAgain() {
        Deployment first = pending(unique("d"));
        Deployment sameId = Deployment.pending(first.id(), "other", "other", first.trigger(), "nginx:latest", Optional.empty(),
                "rolling", T0.plusSeconds(60), "again", Optional.empty());

        assertThat(history.create(first)).isTrue();
        assertThat(history.create(sameId)).isFalse();

        assertThat(history.find(first.id())).contains(first);
        assertThat(storedVersion(first.id())).isEqualTo(1);
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        assertThat(history.find(unique("d-unknown"))).isEmpty();
    }

    @Test
    void updateStoresTheChangeAndBumpsTheVersion() {
        Deployment created = pending(unique("d"));
        history.create(created);
        Instant at = T0.plusSeconds(5);

        Deployment updated = history.update(created.id(), d -> d.moveTo(DeploymentStatus.IN_PROGRESS, Optional.of("deploying"), at)
                .withRollbackTaskDefinitionArn("arn:aws:ecs:us-east-1:123456789012:task-definition/web:7")
                .append(new TimelineEntry(at, "Registered task definition", "web:8 from web:7")));

        assertThat(updated.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(history.find(created.id())).contains(updated);
        assertThat(storedVersion(created.id())).isEqualTo(2);
        history.update(created.id(), d -> d.append(new TimelineEntry(at, "Updated service", "")));
        assertThat(storedVersion(created.id())).isEqualTo(3);
        assertThat(history.find(created.id()).orElseThrow().timeline()).extracting(TimelineEntry::step)
                .containsExactly("Triggered", "Registered task definition", "Updated service");
    }

    @Test
    void anUpdateRacedByAnotherWriterIsRetriedOnTheNewerRecord() {
        Deployment created = pending(unique("d"));
        history.create(created);
        AtomicInteger calls = new AtomicInteger();

        history.update(created.id(), d -> {
            if (calls.incrementAndGet() == 1) {
                // Another step writes between our read and our write: our conditional write must fail and retry.
                history.update(created.id(), other -> other.append(new TimelineEntry(T0, "Rollout health", "from the other writer")));
            }
            return d.append(new TimelineEntry(T0, "Updated service", "from us"));
        });

        assertThat(calls).hasValue(2);
        assertThat(history.find(created.id()).orElseThrow().timeline()).extracting(TimelineEntry::detail)
                .containsExactly("ecr push of " + created.id(), "from the other writer", "from us");
        assertThat(storedVersion(created.id())).isEqualTo(3);
    }

    @Test
    void concurrentUpdatesFromEightThreadsAllLand() throws Exception {
        Deployment created = pending(unique("d"));
        history.create(created);
        int threads = 8;
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String detail = "writer " + i;
                done.add(pool.submit(() -> {
                    start.await();
                    return history.update(created.id(), d -> {
                        attempts.incrementAndGet();
                        return d.append(new TimelineEntry(Instant.now(), "Rollout health", detail));
                    });
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS); // every writer's update returns: none gave up
            }
        } finally {
            pool.shutdownNow();
        }

        Deployment stored = history.find(created.id()).orElseThrow();
        assertThat(stored.timeline()).hasSize(1 + threads);
        assertThat(stored.timeline()).extracting(TimelineEntry::detail).containsAll(
                IntStream.range(0, threads).mapToObj(i -> "writer " + i).toList());
        assertThat(storedVersion(created.id())).isEqualTo(1 + threads);
        assertThat(attempts.get()).isGreaterThanOrEqualTo(threads);
    }

    @Test
    void underHeavierContentionAWriterMayGiveUpTransientlyButNoReturnedWriteIsLost() throws Exception {
        Deployment created = pending(unique("d"));
        history.create(created);
        int threads = 12;
        int writesEach = 3;
        Set<String> landed = ConcurrentHashMap.newKeySet();
        AtomicInteger gaveUp = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int writer = i;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int w = 0; w < writesEach; w++) {
                        String detail = "writer " + writer + " write " + w;
                        try {
                            history.update(created.id(), d -> d.append(new TimelineEntry(Instant.now(), "Rollout health", detail)));
                            landed.add(detail);
                        } catch (TransientAwsException e) {
                            // The retries are bounded: the state machine retries the step on this error.
                            assertThat(e).hasMessageContaining("kept changing under us");
                            gaveUp.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Deployment stored = history.find(created.id()).orElseThrow();
        assertThat(stored.timeline().subList(1, stored.timeline().size())).extracting(TimelineEntry::detail)
                .containsExactlyInAnyOrderElementsOf(landed);
        assertThat(landed.size() + gaveUp.get()).isEqualTo(threads * writesEach);
        assertThat(storedVersion(created.id())).isEqualTo(1 + landed.size());
    }

    @Test
    void forServiceReturnsThatServicesDeploymentsNewestFirstUpToTheLimit() {
        String cluster = unique("c");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Created out of order: the index orders by startedAt, not by write time.
            int minute = List.of(3, 0, 4, 1, 2).get(i);
            String id = unique("d-" + minute);
            history.create(pending(id, cluster, "web", T0.plus(Duration.ofMinutes(minute))));
            ids.add(id);
        }
        history.create(pending(unique("d"), cluster, "api", T0.plus(Duration.ofMinutes(10))));
        history.create(pending(unique("d"), unique("other"), "web", T0.plus(Duration.ofMinutes(10))));
        List<String> newestFirst = List.of(ids.get(2), ids.get(0), ids.get(4), ids.get(3), ids.get(1));

        assertThat(history.forService(cluster, "web", 3)).extracting(Deployment::id).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(history.forService(cluster, "web", 10)).extracting(Deployment::id).containsExactlyElementsOf(newestFirst);
        assertThat(history.forService(cluster, "web", 10)).allSatisfy(d -> assertThat(d.serviceKey()).isEqualTo(cluster + "/web"));
        assertThat(history.forService(cluster, "api", 10)).hasSize(1);
        assertThat(history.forService(unique("nobody"), "web", 10)).isEmpty();
    }

    @Test
    void forServiceOrdersDeploymentsStartedWithinTheSameSecondToo() {
        // Two tags of one image pushed together start two deployments of a service in the same second.
        // Instant.toString() writes 0, 3, 6 or 9 fractional digits, so as text "…:56Z" would sort after "…:56.5Z".
        String cluster = unique("c");
        Instant second = Instant.parse("2026-11-02T21:04:56Z");
        List<Instant> starts = List.of(second, second.plusMillis(250), second.plusMillis(500), second.plusNanos(500_000_001),
                second.plusMillis(999));
        List<String> ids = new ArrayList<>();
        for (Instant start : starts) {
            String id = unique("d");
            history.create(pending(id, cluster, "web", start));
            ids.add(id);
        }

        assertThat(history.forService(cluster, "web", 10)).extracting(Deployment::id).containsExactlyElementsOf(ids.reversed());
        assertThat(history.forService(cluster, "web", 10)).extracting(Deployment::startedAt).containsExactlyElementsOf(starts.reversed());
    }

    @Test
    void aRecordWithEveryFieldSetRoundTrips() {
        String id = unique("d");
        Instant started = T0;
        Deployment full = new Deployment(id, unique("c"), "web",
                new Trigger("dockerhub", "13cde686-328b-6117-af20-0e5566167482", "arn:aws:iam::123456789012:user/ci"),
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.2@sha256:" + "7f".repeat(32),
                Optional.of("sha256:" + "7f".repeat(32)), "rolling",
                Optional.of("arn:aws:ecs:us-east-1:123456789012:task-definition/web:7"),
                Optional.of("arn:aws:ecs:us-east-1:123456789012:task-definition/web:8"),
                Optional.of("arn:aws:ecs:us-east-1:123456789012:task-definition/web:9"),
                DeploymentStatus.ROLLED_BACK, Optional.of("2 of 2 targets unhealthy in web-tg: Target.FailedHealthChecks"),
                started, Optional.of(started.plus(Duration.ofMinutes(3)).plusNanos(1)),
                Optional.of(new Progress(Phase.ROLLBACK, 0, "Roll the service back to the previous revision",
                        started.plusSeconds(90), "failure")),
                List.of(new TimelineEntry(started, "Triggered", "ecr push of web:v1.4.2"),
                        // later entries need not have later times: the order is the order of appending
                        new TimelineEntry(started.plusSeconds(90), "Rolling back", "service set back to web:7"),
                        new TimelineEntry(started.plusSeconds(30), "Rollout health", ""),
                        new TimelineEntry(started.plusSeconds(180), "ROLLED_BACK", "ünïcödé ✓ and \"quotes\"")),
                Optional.of("{\"deploymentId\":\"" + id + "\"}"));

        history.create(full);

        assertThat(history.find(id)).contains(full);
    }

    @Test
    void aRecordWithEveryOptionalFieldAbsentRoundTrips() {
        String id = unique("d");
        Deployment bare = new Deployment(id, unique("c"), "web", new Trigger("api", "request-1", "someone"),
                "docker.io/library/nginx:latest", Optional.empty(), "rolling", Optional.empty(), Optional.empty(), Optional.empty(),
                DeploymentStatus.PENDING, Optional.empty(), T0, Optional.empty(), Optional.empty(), List.of(), Optional.empty());

        history.create(bare);

        Deployment found = history.find(id).orElseThrow();
        assertThat(found).isEqualTo(bare);
        assertThat(List.of(found.digest(), found.previousTaskDefinitionArn(), found.newTaskDefinitionArn(), found.reason()))
                .allSatisfy(o -> assertThat(o).isEmpty());
        assertThat(found.finishedAt()).isEmpty();
        assertThat(found.timeline()).isEmpty();
        assertThat(found.progress()).isEmpty();
        assertThat(found.pendingExecution()).isEmpty();
    }

    @Test
    void inFlightListsExactlyTheRecordsNotFinalYetOldestFirst() {
        String pendingId = unique("d");
        String runningId = unique("d");
        String doneId = unique("d");
        Instant now = Instant.now();
        history.create(pending(pendingId, unique("c"), "web", now.minusSeconds(30)));
        history.create(pending(runningId, unique("c"), "web", now.minusSeconds(20)));
        history.create(pending(doneId, unique("c"), "web", now.minusSeconds(10)));
        history.update(runningId, d -> d.moveTo(DeploymentStatus.IN_PROGRESS, Optional.empty(), now));
        history.update(doneId, d -> d.conclude(DeploymentStatus.FAILED, Optional.of("done"), now));

        List<String> inFlight = history.inFlight().stream().map(Deployment::id).toList();

        assertThat(inFlight).contains(pendingId, runningId).doesNotContain(doneId);
        assertThat(inFlight.indexOf(pendingId)).isLessThan(inFlight.indexOf(runningId));
        history.update(runningId, d -> d.conclude(DeploymentStatus.SUCCEEDED, Optional.of("ok"), now));
        assertThat(history.inFlight()).extracting(Deployment::id).doesNotContain(runningId);
    }
}
