package dev.berth.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final Set<String> VALUED = Set.of("--reason", "--endpoint");
    private static final Set<String> FLAGS = Set.of("--apply-to-running");

    @Test
    void wordsOptionsBothWaysAndFlagsAreTold() throws Exception {
        Arguments parsed = Arguments.parse(List.of("d-1", "--reason", "latency up", "extra", "--endpoint=http://x:1", "--apply-to-running"),
                VALUED, FLAGS);

        assertThat(parsed.positional()).containsExactly("d-1", "extra");
        assertThat(parsed.option("--reason")).contains("latency up");
        assertThat(parsed.option("--endpoint")).contains("http://x:1");
        assertThat(parsed.flag("--apply-to-running")).isTrue();
        assertThat(parsed.option("--as")).isEmpty();
    }

    @Test
    void aValueMayBeEmptyOrLookLikeAWordGivenWithEquals() throws Exception {
        assertThat(Arguments.parse(List.of("--reason="), VALUED, FLAGS).option("--reason")).contains("");
        assertThat(Arguments.parse(List.of("--reason", "--endpoint"), VALUED, FLAGS).option("--reason")).contains("--endpoint");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--force          | unknown option '--force'",
            "--reason         | option --reason needs a value",
            "--apply-to-running=yes | unknown option '--apply-to-running=yes'"})
    void aWrongOptionIsAProblemNamingIt(String argument, String message) {
        assertThatThrownBy(() -> Arguments.parse(List.of("d-1", argument), VALUED, FLAGS))
                .isInstanceOf(Arguments.Problem.class).hasMessage(message);
    }
}
