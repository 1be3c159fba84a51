package dev.berth.domain.target;

import static dev.berth.domain.target.TargetTest.ECR;
import static dev.berth.domain.target.TargetTest.ROLLING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.domain.image.ImageReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetMatcherTest {

    private static Target target(String repository, String kind, String expression, String cluster, String service) {
        return new Target(repository, TagPolicy.parse(kind, expression), cluster, service, List.of(), ROLLING);
    }

    private static final List<Target> FLEET = List.of(
            target(ECR, "semver", "^1.4", "prod", "web"),
            target(ECR, "semver", "^1.4", "prod-eu", "web"),
            target(ECR, "glob", "v1.*", "staging", "web"),
            target(ECR, "exact", "latest", "dev", "web"),
            target(ECR, "regex", "v\\d+\\.\\d+\\.\\d+-rc\\d+", "canary", "web"),
            target("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api", "semver", "^1.4", "prod", "api"),
            target("nginx", "exact", "latest", "prod", "proxy"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # pushed                                                               | target keys, in order
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.3           | prod-eu/web,prod/web,staging/web
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.4.3            | prod-eu/web,prod/web
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v2.0.0           | ''
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:latest           | dev/web
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.5.0-rc1       | canary/web,staging/web
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api:v1.4.3           | prod/api
            123456789012.dkr.ecr.us-west-2.amazonaws.com/shop/web:v1.4.3           | ''
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web-v2:v1.4.3        | ''
            nginx:latest                                                           | prod/proxy
            docker.io/library/nginx:latest                                         | prod/proxy
            acme/nginx:latest                                                      | ''
            """)
    void fansOutToEveryTargetFollowingTheRepositoryAndTag(String pushed, String keys) {
        List<String> expected = keys == null || keys.isEmpty() ? List.of() : List.of(keys.split(","));

        assertThat(TargetMatcher.matching(ImageReference.parse(pushed), FLEET))
                .extracting(Target::key)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aPushWithoutATagMatchesNothing() {
        ImageReference byDigest = ImageReference.parse(ECR + "@sha256:" + "0".repeat(64));

        assertThat(TargetMatcher.matching(byDigest, FLEET)).isEmpty();
    }

    @Test
    void aPushWithATagAndADigestMatchesByTheTag() {
        ImageReference pushed = ImageReference.parse(ECR + ":latest@sha256:" + "0".repeat(64));

        assertThat(TargetMatcher.matching(pushed, FLEET)).extracting(Target::key).containsExactly("dev/web");
    }

    @Test
    void noTargetsMatchNothing() {
        assertThat(TargetMatcher.matching(ImageReference.parse(ECR + ":v1.4.3"), List.of())).isEmpty();
        assertThat(TargetMatcher.matching(ImageReference.parse(ECR + ":v1.4.3"), Set.of())).isEmpty();
    }

    @Property(tries = 50)
    void theOrderDoesNotDependOnTheInputOrder(@ForAll long seed) {
        List<Target> shuffled = new ArrayList<>(FLEET);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        ImageReference pushed = ImageReference.parse(ECR + ":v1.4.3");

        assertThat(TargetMatcher.matching(pushed, shuffled)).isEqualTo(TargetMatcher.matching(pushed, FLEET));
    }
}
