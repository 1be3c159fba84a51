package dev.berth.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColorTest {

    @ParameterizedTest
    @CsvSource({"blue, BLUE", "Blue, BLUE", "' GREEN ', GREEN", "green, GREEN"})
    void parsesEitherColorInAnyCase(String text, Color color) {
        assertThat(Color.parse(text)).isEqualTo(color);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            purple | unknown color 'purple': Berth knows blue and green
            bleu   | unknown color 'bleu': Berth knows blue and green
            '  '   | a color is needed: blue or green
                   | a color is needed: blue or green
            """)
    void namesTheColorsItKnows(String text, String message) {
        assertThatThrownBy(() -> Color.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void eachColorIsTheOtherOfTheOther() {
        assertThat(Color.BLUE.other()).isEqualTo(Color.GREEN);
        assertThat(Color.GREEN.other()).isEqualTo(Color.BLUE);
    }

    @Test
    void labelsAreHowPeopleWriteThem() {
        assertThat(Color.BLUE.label()).isEqualTo("blue");
        assertThat(Color.GREEN.label()).isEqualTo("green");
        assertThat(Color.parse(Color.GREEN.label())).isEqualTo(Color.GREEN);
    }
}
