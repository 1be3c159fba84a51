package dev.berth.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.lease.ConcurrencyPolicy;
import dev.berth.domain.target.Strategy;
import dev.berth.domain.target.Target;
import dev.berth.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TargetDocumentTest {

    @Test
    void aWrittenTargetBecomesADomainTargetAndBack() throws Exception {
        TargetDocument doc = Json.mapper().readValue("""
                {"repository": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web",
                 "tagPolicy": {"kind": "semver", "expression": ">=1.0.0"},
                 "cluster": "demo", "service": "web", "containers": ["web"],
                 "strategy": {"name": "rolling", "healthDeadlineSeconds": 60, "pollIntervalSeconds": 1, "failureThreshold": 3,
                              "settleSeconds": 20},
                 "concurrencyPolicy": "queue"}""", TargetDocument.class);

        Target target = doc.toTarget();

        assertThat(target.key()).isEqualTo("demo/web");
        assertThat(target.tagPolicy().matches("1.2.0")).isTrue();
        assertThat(target.strategy()).isEqualTo(new Strategy.Rolling(Duration.ofSeconds(60), Duration.ofSeconds(1), 3, Duration.ofSeconds(20)));
        assertThat(target.concurrencyPolicy()).isEqualTo(ConcurrencyPolicy.QUEUE);
        assertThat(TargetDocument.of(target)).isEqualTo(doc);
    }

    @Test
    void aMissingStrategyMeansRollingWithDefaults() throws Exception {
        Target target = Json.mapper().readValue("""
                {"repository": "nginx", "tagPolicy": {"kind": "exact", "expression": "latest"}, "cluster": "c", "service": "s"}""",
                TargetDocument.class).toTarget();
        assertThat(target.repository()).isEqualTo("docker.io/library/nginx");
        assertThat(target.strategy()).isEqualTo(new Strategy.Rolling(Duration.ofSeconds(600), Duration.ofSeconds(15)));
        assertThat(target.containers()).isEmpty();
        assertThat(target.concurrencyPolicy()).as("the newest push wins by default").isEqualTo(ConcurrencyPolicy.SUPERSEDE);
    }

    @Test
    void badTargetsAreRejectedWithTheProblemNamed() {
        assertThatThrownBy(() -> new TargetDocument(null, null, "c", "s", null, null).toTarget())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("repository");
        assertThatThrownBy(() -> new TargetDocument("nginx", null, "c", "s", null, null).toTarget())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("tagPolicy");
        assertThatThrownBy(() -> new TargetDocument("nginx", new TargetDocument.TagPolicyDocument("exact", "latest"), "c", "s", null,
                new TargetDocument.StrategyDocument("canary", null, null)).toTarget())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown strategy 'canary'");
        assertThatThrownBy(() -> new TargetDocument("nginx", new TargetDocument.TagPolicyDocument("exact", "latest"), "c", "s", null,
                null, "whenever").toTarget())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("concurrency policy 'whenever' must be one of supersede, queue, reject");
        assertThatThrownBy(() -> new TargetDocument("nginx", new TargetDocument.TagPolicyDocument("exact", "latest"), "c", "s", null,
                new TargetDocument.StrategyDocument("rolling", 60L, 5L, 0), null).toTarget())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failure threshold 0 must be between 1 and 10");
    }
}
