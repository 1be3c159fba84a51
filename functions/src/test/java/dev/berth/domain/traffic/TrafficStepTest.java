package dev.berth.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.traffic.TrafficStep.Shift;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficStepTest {

    @ParameterizedTest
    @CsvSource({"0, PT0S", "1, PT1S", "100, PT0S", "50, PT48H"})
    void aShiftTakesAnyPercentageAndAnyBakeFromZero(int weight, Duration bake) {
        Shift shift = new Shift(weight, bake);

        assertThat(shift.weight()).isEqualTo(weight);
        assertThat(shift.bake()).isEqualTo(bake);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -1  | PT0S    | a shift's weight -1% must be between 0% and 100%
            101 | PT0S    | a shift's weight 101% must be between 0% and 100%
            10  | -PT1S   | a shift to 10% bakes -1s: a bake cannot be negative
            10  |         | a shift to 10% needs a bake (0s to move on at once)
            """)
    void rejectsAShiftOutOfBounds(int weight, Duration bake, String message) {
        assertThatThrownBy(() -> new Shift(weight, bake))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }
}
