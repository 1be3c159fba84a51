package dev.berth.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.traffic.LiveColor.Choice;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule by which the live color is read from the listener, or refused. */
class LiveColorTest {

    private static final String BLUE = "tg/blue";
    private static final String GREEN = "tg/green";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tg/blue=1                          |       | BLUE
            tg/blue=1, tg/green=0              |       | BLUE
            tg/green=999                       |       | GREEN
            tg/green=5, tg/blue=0, tg/red=0    |       | GREEN
            tg/blue=1                          | blue  | BLUE
            tg/green=1, tg/blue=0              | green | GREEN
            """)
    void theColorWithAllTrafficIsLive(String weights, String recorded, Color live) {
        assertThat(choose(weights, recorded)).isEqualTo(new Choice.Live(live));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tg/blue=1, tg/red=1     |       | the listener forwards to tg/red (weight 1), not only to blue's and green's target groups: Berth does not guess which color is live
            tg/red=3, tg/old=2      | blue  | the listener forwards to tg/red (weight 3), tg/old (weight 2), not only to blue's and green's target groups: Berth does not guess which color is live
            tg/blue=0, tg/green=0   |       | the listener forwards to no target group (every weight is 0): Berth does not guess which color is live
            ''                      | green | the listener forwards to no target group (every weight is 0): Berth does not guess which color is live
            tg/blue=3, tg/green=7   |       | the listener splits traffic blue 30% / green 70%: a deployment starts only from 100/0 (finish or undo the last shift first)
            tg/blue=199, tg/green=1 | blue  | the listener splits traffic blue 99% / green 1%: a deployment starts only from 100/0 (finish or undo the last shift first)
            tg/blue=1               | green | the last deployment left green live, but the listener sends 100% to blue: it was changed outside Berth; set it back to send all traffic to green before deploying (Berth does not guess which color is meant to be live)
            tg/green=1              | blue  | the last deployment left blue live, but the listener sends 100% to green: it was changed outside Berth; set it back to send all traffic to blue before deploying (Berth does not guess which color is meant to be live)
            """)
    void refusesToGuess(String weights, String recorded, String reason) {
        assertThat(choose(weights, recorded)).isEqualTo(new Choice.Refused(reason));
    }

    @Test
    void needsTwoTargetGroups() {
        assertThatThrownBy(() -> LiveColor.choose(Map.of(BLUE, 1), BLUE, BLUE, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("both colors use target group tg/blue: blue and green each need their own");
    }

    private static Choice choose(String weights, String recorded) {
        return LiveColor.choose(TrafficSplitTest.weights(weights), BLUE, GREEN,
                Optional.ofNullable(recorded).map(Color::parse));
    }
}
