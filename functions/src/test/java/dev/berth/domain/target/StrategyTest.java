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

    @ParameterizedTest
    @CsvSource({
        "PT10M, PT60S",
        "PT1M, PT30S",
        "PT30S, PT15S",
        "PT30M, PT60S",
    })
    void settlesForAMinuteOrHalfTheDeadlineWhenThatIsShorter(Duration deadline, Duration settle) {
        assertThat(new Strategy.Rolling(deadline, Duration.ofSeconds(1)).settlePeriod()).isEqualTo(settle);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            PT10M | PT0S    |
            PT1H  | PT30M   |
            PT10M | -PT1S   | settle period -1s must be between 0s and 30m
            PT1H  | PT30M1S | settle period 30m1s must be between 0s and 30m
            PT1M  | PT1M    | settle period 1m must be shorter than the health deadline 1m
            """)
    void boundsTheSettlePeriod(Duration deadline, Duration settle, String message) {
        if (message == null) {
            assertThat(new Strategy.Rolling(deadline, Duration.ofSeconds(5), 2, settle).settlePeriod()).isEqualTo(settle);
        } else {
            assertThatThrownBy(() -> new Strategy.Rolling(deadline, Duration.ofSeconds(5), 2, settle))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(message);
        }
    }

    @Test
    void rejectsMissingSettings() {
        assertThatThrownBy(() -> new Strategy.Rolling(null, Duration.ofSeconds(5)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs a health deadline, a poll interval and a settle period");
        assertThatThrownBy(() -> new Strategy.Rolling(Duration.ofMinutes(5), null))
                .isInstanceOf(InvalidInputException.class);
    }
}
