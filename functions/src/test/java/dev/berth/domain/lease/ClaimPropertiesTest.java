package dev.berth.domain.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Comparator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Precedence is text compared as text; it must order pushes as time does. */
class ClaimPropertiesTest {

    private static final Comparator<Instant[]> BY_PUSH_THEN_ACCEPTANCE =
            Comparator.<Instant[], Instant>comparing(p -> p[0]).thenComparing(p -> p[1]);

    @Provide
    Arbitrary<Instant> instants() {
        // 1970 to 9999, with any nanosecond: the years ECR and Berth can write.
        Arbitrary<Long> seconds = Arbitraries.longs().between(0, Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.of(0, 1, 500_000_000, 999_999_999, 100_000_000, 120_000_000),
                Arbitraries.integers().between(0, 999_999_999));
        Arbitrary<Instant> any = seconds.flatMap(s -> nanos.map(n -> Instant.ofEpochSecond(s, n)));
        // Close pairs matter most: pushes within the same second, times that differ by trailing zeros.
        Arbitrary<Instant> near = Arbitraries.of(Instant.parse("2026-03-01T12:00:00Z"))
                .flatMap(base -> Arbitraries.longs().between(-2_000_000_000L, 2_000_000_000L).map(base::plusNanos));
        return Arbitraries.oneOf(any, near);
    }

    @Property(tries = 3000)
    void precedenceSortsAsThePushThenTheAcceptanceTime(@ForAll("instants") Instant pushedA, @ForAll("instants") Instant acceptedA,
                                                       @ForAll("instants") Instant pushedB, @ForAll("instants") Instant acceptedB) {
        String a = Claim.precedenceOf(pushedA, acceptedA);
        String b = Claim.precedenceOf(pushedB, acceptedB);

        int byTime = BY_PUSH_THEN_ACCEPTANCE.compare(new Instant[] {pushedA, acceptedA}, new Instant[] {pushedB, acceptedB});
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(byTime));
    }

    @Property(tries = 1000)
    void precedenceAlwaysWritesNineFractionalDigits(@ForAll("instants") Instant pushed, @ForAll("instants") Instant accepted) {
        String precedence = Claim.precedenceOf(pushed, accepted);

        assertThat(precedence).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z\\|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z");
        assertThat(Instant.parse(precedence.substring(0, precedence.indexOf('|')))).isEqualTo(pushed);
        assertThat(Instant.parse(precedence.substring(precedence.indexOf('|') + 1))).isEqualTo(accepted);
    }

    @Property(tries = 1000)
    void claimsOrderByPrecedenceThenDeploymentId(@ForAll("instants") Instant pushedA, @ForAll("instants") Instant pushedB,
                                                 @ForAll("ids") String idA, @ForAll("ids") String idB) {
        Claim a = new Claim(idA, Claim.precedenceOf(pushedA, pushedA));
        Claim b = new Claim(idB, Claim.precedenceOf(pushedB, pushedB));

        int expected = pushedA.equals(pushedB) ? idA.compareTo(idB) : pushedA.compareTo(pushedB);
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(expected));
        assertThat(a.isNewerThan(b)).isEqualTo(expected > 0);
        assertThat(a.isNewerThan(a)).isFalse();
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(4).map(hex -> "d-" + hex);
    }

    @ParameterizedTest(name = "{0} before {1}")
    @CsvSource({
        // Instant.toString() would write these with 0, 3 and 6 digits, and "…:56Z" sorts after "…:56.5Z" as text.
        "2026-03-01T12:00:56Z,           2026-03-01T12:00:56.500Z",
        "2026-03-01T12:00:56.5Z,         2026-03-01T12:00:56.500000001Z",
        "2026-03-01T12:00:56.999999999Z, 2026-03-01T12:00:57Z",
        "2026-03-01T12:00:56.120Z,       2026-03-01T12:00:56.12000001Z",
    })
    void timesThatPrintWithFewerDigitsStillSortRight(Instant earlier, Instant later) {
        Instant pushed = Instant.parse("2026-03-01T12:00:00Z");

        assertThat(Claim.precedenceOf(pushed, earlier)).isLessThan(Claim.precedenceOf(pushed, later));
        assertThat(Claim.precedenceOf(earlier, later)).isLessThan(Claim.precedenceOf(later, earlier));
    }

    @Test
    void aClaimNeedsADeploymentAndAPrecedence() {
        assertThatThrownBy(() -> new Claim(" ", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Claim("d-1", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Claim(null, "p")).isInstanceOf(IllegalArgumentException.class);
    }
}
