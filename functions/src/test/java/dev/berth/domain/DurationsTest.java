package dev.berth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "PT0S, 0s",
        "PT5M, 5m",
        "PT90S, 1m30s",
        "PT6H, 6h",
        "PT1H0M5S, 1h5s",
        "PT0.25S, 250ms",
        "PT30.5S, 30s500ms",
        "P2DT3H, 2d3h",
        "PT0.000001S, 1000ns",
        "-PT5M, -5m",
    })
    void writesTheShortestExactForm(Duration duration, String human) {
        assertThat(Durations.toHuman(duration)).isEqualTo(human);
    }
}
