package dev.berth.domain.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServicePreflightTest {

    @ParameterizedTest(name = "{0} under {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "ACTIVE   | -           | -",
            "ACTIVE   | ''          | -",
            "ACTIVE   | ECS         | -",
            "ACTIVE   | CODE_DEPLOY | service prod/web uses the CODE_DEPLOY deployment controller: ECS rejects UpdateService",
            "ACTIVE   | EXTERNAL    | service prod/web uses the EXTERNAL deployment controller",
            "ACTIVE   | NEW_THING   | service prod/web uses the NEW_THING deployment controller, which Berth does not know",
            "DRAINING | ECS         | service prod/web is DRAINING, not ACTIVE (it is being deleted): nothing to deploy to",
            "INACTIVE | -           | service prod/web is INACTIVE, not ACTIVE: nothing to deploy to",
    })
    void aServiceCanBeDeployedOnlyWhenActiveUnderTheEcsController(String status, String controller, String problem) {
        Optional<String> found = ServicePreflight.problem("prod/web", status, Optional.ofNullable(controller));

        if (problem == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).hasValueSatisfying(p -> assertThat(p).startsWith(problem));
        }
    }
}
