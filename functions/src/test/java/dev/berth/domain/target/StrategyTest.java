package dev.berth.domain.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategyTest {

    @ParameterizedTest
    @CsvSource({
        "PT30S, PT1S",
        "PT30S, PT29S",
        "PT10M, PT15S",
        "PT6H, PT5M",
        "PT6H, PT11S",
        "PT33M20S, PT1S",
    })
    void acceptsSettingsWithinBounds(Duration deadline, Duration poll) {
        Strategy.Rolling rolling = new Strategy.Rolling(deadline, poll);

        assertThat(rolling.name()).isEqualTo("rolling");
        assertThat(rolling.healthDeadline()).isEqualTo(deadline);
        assertThat(rolling.pollInterval()).isEqualTo(poll);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            PT29S        | PT1S      | health deadline 29s must be between 30s and 6h
            PT6H0.001S   | PT1S      | health deadline 6h1ms must be between 30s and 6h
            PT10M        | PT0.999S  | poll interval 999ms must be between 1s and 5m
            PT10M        | PT5M1S    | poll interval 5m1s must be between 1s and 5m
            PT30S        | PT30S     | poll interval 30s must be shorter than the health deadline 30s
            PT1M         | PT2M      | poll interval 2m must be shorter than the health deadline 1m
            -PT10M       | PT1S      | health deadline -10m must be between 30s and 6h
            PT6H         | PT1S      | health deadline 6h at a poll interval of 1s is 21600 looks; at most 2000: look less often
            PT33M21S     | PT1S      | health deadline 33m21s at a poll interval of 1s is 2001 looks; at most 2000: look less often
            """)
    void rejectsSettingsOutOfBounds(Duration deadline, Duration poll, String message) {
        assertThatThrownBy(() -> new Strategy.Rolling(deadline, poll))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsMissingSettings() {
        assertThatThrownBy(() -> new Strategy.Rolling(null, Duration.ofSeconds(5)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs a health deadline and a poll interval");
        assertThatThrownBy(() -> new Strategy.Rolling(Duration.ofMinutes(5), null))
                .isInstanceOf(InvalidInputException.class);
    }
}
