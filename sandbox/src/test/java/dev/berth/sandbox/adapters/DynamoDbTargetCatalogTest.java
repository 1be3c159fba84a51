package dev.berth.sandbox.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.adapters.DynamoDbTargetCatalog;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.target.TagPolicy;
import dev.berth.domain.target.Target;
import dev.berth.ports.TargetCatalog;
import dev.berth.sandbox.SharedLocalBerth;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link DynamoDbTargetCatalog} on the sandbox's DynamoDB Local, in the template's TargetsTable. */
class DynamoDbTargetCatalogTest {

    private static TargetCatalog catalog;

    @BeforeAll
    static void startSandbox() {
        var berth = SharedLocalBerth.get();
        catalog = new DynamoDbTargetCatalog(berth.clients().dynamoDb(), berth.sandbox().tableName("TargetsTable"));
    }

    private static String uniqueRepository() {
        return "123456789012.dkr.ecr.us-east-1.amazonaws.com/catalog/app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Target target(String repository, TagPolicy policy, String cluster, String service, List<String> containers,
                                 Strategy strategy) {
        return new Target(repository, policy, cluster, service, containers, strategy);
    }

    private static Strategy rolling(long deadlineSeconds, long pollSeconds) {
        return new Strategy.Rolling(Duration.ofSeconds(deadlineSeconds), Duration.ofSeconds(pollSeconds));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
            "exact  ; latest",
            "glob   ; release-*.?",
            "semver ; >=1.2.0 <2.0.0 || ^3.1",
            "regex  ; v[0-9]+\\.[0-9]+(-rc[0-9]+)?",
    })
    void aTargetOfEachTagPolicyKindRoundTrips(String kind, String expression) {
        String repository = uniqueRepository();
        Target stored = target(repository, TagPolicy.parse(kind, expression), "shop", "web", List.of("web", "worker"),
                rolling(600, 15));

        catalog.put(stored);

        List<Target> following = catalog.following(repository);
        assertThat(following).containsExactly(stored);
        assertThat(following.getFirst().tagPolicy().kind()).isEqualTo(kind);
        assertThat(following.getFirst().tagPolicy().expression()).isEqualTo(expression);
    }

    @ParameterizedTest(name = "rolling, deadline {0}s, poll {1}s")
    @CsvSource({"30, 1", "600, 15", "21600, 300"})
    void theRollingStrategyRoundTripsAtItsLimitsAndDefaults(long deadlineSeconds, long pollSeconds) {
        String repository = uniqueRepository();
        Target stored = target(repository, TagPolicy.parse("exact", "stable"), "shop", "web", List.of(),
                rolling(deadlineSeconds, pollSeconds));

        catalog.put(stored);

        assertThat(catalog.following(repository)).singleElement().satisfies(found -> {
            assertThat(found).isEqualTo(stored);
            assertThat(found.strategy()).isInstanceOfSatisfying(Strategy.Rolling.class, r -> {
                assertThat(r.healthDeadline()).isEqualTo(Duration.ofSeconds(deadlineSeconds));
                assertThat(r.pollInterval()).isEqualTo(Duration.ofSeconds(pollSeconds));
            });
            assertThat(found.containers()).isEmpty();
        });
    }

    @Test
    void followingReturnsOnlyThatRepositorysTargets() {
        String mine = uniqueRepository();
        String other = uniqueRepository();
        Target myTarget = target(mine, TagPolicy.parse("semver", "^1.0.0"), "shop", "web", List.of(), rolling(600, 15));
        Target otherTarget = target(other, TagPolicy.parse("semver", "^1.0.0"), "shop", "web", List.of(), rolling(600, 15));
        // A repository whose name starts like mine is another partition, not a prefix match.
        Target longerName = target(mine + "-extra", TagPolicy.parse("exact", "latest"), "shop", "web", List.of(), rolling(600, 15));
        catalog.put(myTarget);
        catalog.put(otherTarget);
        catalog.put(longerName);

        assertThat(catalog.following(mine)).containsExactly(myTarget);
        assertThat(catalog.following(other)).containsExactly(otherTarget);
        assertThat(catalog.following(uniqueRepository())).isEmpty();
    }

    @Test
    void oneRepositoryCanBeFollowedByTwoServicesAndPuttingAServiceAgainReplacesIt() {
        String repository = uniqueRepository();
        Target web = target(repository, TagPolicy.parse("semver", "^1.0.0"), "shop", "web", List.of("web"), rolling(600, 15));
        Target worker = target(repository, TagPolicy.parse("glob", "1.*"), "shop-batch", "worker", List.of(), rolling(300, 5));
        catalog.put(web);
        catalog.put(worker);

        assertThat(catalog.following(repository)).containsExactlyInAnyOrder(web, worker);

        Target webAgain = target(repository, TagPolicy.parse("exact", "stable"), "shop", "web", List.of("web", "sidecar"),
                rolling(900, 30));
        catalog.put(webAgain);

        assertThat(catalog.following(repository)).containsExactlyInAnyOrder(webAgain, worker);
    }

    @Test
    void aDockerHubTargetIsStoredUnderItsNormalisedRepository() {
        String name = "berth-test-" + UUID.randomUUID().toString().substring(0, 8);
        Target stored = target(name, TagPolicy.parse("exact", "latest"), "shop", "web", List.of(), rolling(600, 15));

        catalog.put(stored);

        assertThat(stored.repository()).isEqualTo("docker.io/library/" + name);
        assertThat(catalog.following("docker.io/library/" + name)).containsExactly(stored);
    }
}
