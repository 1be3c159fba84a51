package dev.berth.domain.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTest {

    static final String ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web";
    static final Strategy ROLLING = new Strategy.Rolling(Duration.ofMinutes(10), Duration.ofSeconds(15));
    static final TagPolicy SEMVER = new TagPolicy.SemverRange("^1.4");

    static Target target(String repository, String cluster, String service, List<String> containers) {
        return new Target(repository, SEMVER, cluster, service, containers, ROLLING);
    }

    @Test
    void keepsItsFieldsAndKeysByClusterAndService() {
        Target target = target(ECR, "prod", "web", List.of("web", "envoy"));

        assertThat(target.repository()).isEqualTo(ECR);
        assertThat(target.key()).isEqualTo("prod/web");
        assertThat(target.containers()).containsExactly("web", "envoy");
        assertThat(target.tagPolicy()).isEqualTo(SEMVER);
        assertThat(target.strategy()).isEqualTo(ROLLING);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            nginx                                  | docker.io/library/nginx
            docker.io/library/nginx                | docker.io/library/nginx
            index.docker.io/acme/storefront        | docker.io/acme/storefront
            Localhost:5000/team/app                | localhost:5000/team/app
            123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web | 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web
            """)
    void storesTheRepositoryNormalised(String written, String stored) {
        assertThat(target(written, "prod", "web", List.of()).repository()).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            nginx:1.27                    | target repository 'nginx:1.27' must not name a tag or digest
            nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | must not name a tag or digest
            Shop/Web                      | image reference 'Shop/Web': repository must be lower case
            ''                            | target needs a repository
            """)
    void rejectsRepositoriesThatAreNotJustARepository(String repository, String message) {
        assertThatThrownBy(() -> target(repository, "prod", "web", List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "prod", "Prod_Cluster-2", "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
        "arn:aws-cn:ecs:cn-north-1:123456789012:cluster/prod", "arn:aws-us-gov:ecs:us-gov-west-1:123456789012:cluster/p"
    })
    void acceptsClusterNamesAndArns(String cluster) {
        assertThat(target(ECR, cluster, "web", List.of()).cluster()).isEqualTo(cluster);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "web", "web_api-2", "arn:aws:ecs:us-east-1:123456789012:service/prod/web",
        "arn:aws:ecs:us-east-1:123456789012:service/web"
    })
    void acceptsServiceNamesAndArns(String service) {
        assertThat(target(ECR, "prod", service, List.of()).service()).isEqualTo(service);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "prod cluster", "prod/eu", "prod.eu", "arn:aws:ecs:us-east-1:123456789012:service/prod/web",
        "arn:aws:ecs:us-east-1:1234:cluster/prod"
    })
    void rejectsBadClusterNames(String cluster) {
        assertThatThrownBy(() -> target(ECR, cluster, "web", List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cluster '" + cluster + "' must be 1-255 letters, digits, '-' or '_', or a cluster ARN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "web api", "web:1", "arn:aws:ecs:us-east-1:123456789012:cluster/prod"})
    void rejectsBadServiceNames(String service) {
        assertThatThrownBy(() -> target(ECR, "prod", service, List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("service '" + service + "' must be 1-255 letters, digits, '-' or '_', or a service ARN");
    }

    @Test
    void limitsNamesTo255Characters() {
        assertThat(target(ECR, "c".repeat(255), "s".repeat(255), List.of("n".repeat(255))).key()).hasSize(511);
        assertThatThrownBy(() -> target(ECR, "c".repeat(256), "web", List.of())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> target(ECR, "prod", "s".repeat(256), List.of())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> target(ECR, "prod", "web", List.of("n".repeat(256)))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void rejectsBadAndDuplicateContainers() {
        assertThatThrownBy(() -> target(ECR, "prod", "web", List.of("web", "web")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("container 'web' is listed twice for prod/web");
        assertThatThrownBy(() -> target(ECR, "prod", "web", List.of("web app")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("container name 'web app' must be 1-255 letters, digits, '-' or '_'");
        assertThatThrownBy(() -> target(ECR, "prod", "web", Arrays.asList("web", null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("target prod/web lists a container without a name");
    }

    @Test
    void copiesTheContainerListAndReadsNoneAsEvery() {
        List<String> containers = new ArrayList<>(List.of("web"));
        Target target = target(ECR, "prod", "web", containers);
        containers.add("envoy");

        assertThat(target.containers()).containsExactly("web");
        assertThat(target(ECR, "prod", "web", null).containers()).isEmpty();
    }

    @Test
    void needsAPolicyAndAStrategy() {
        assertThatThrownBy(() -> new Target(ECR, null, "prod", "web", List.of(), ROLLING))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("target for " + ECR + " needs a tag policy");
        assertThatThrownBy(() -> new Target(ECR, SEMVER, "prod", "web", List.of(), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("target prod/web needs a strategy");
    }
}
