package dev.berth.domain.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagPolicyTest {

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            # kind  ; expression               ; tag            ; matches
            exact   ; latest                   ; latest         ; true
            exact   ; latest                   ; Latest         ; false
            exact   ; latest                   ; latest2        ; false
            exact   ; v1.4.2                   ; v1.4.2         ; true
            exact   ; v1.4.2                   ; 1.4.2          ; false
            glob    ; v1.*                     ; v1.4.2         ; true
            glob    ; v1.*                     ; v1.            ; true
            glob    ; v1.*                     ; v10.0          ; false
            glob    ; v1.*                     ; xv1.4          ; false
            glob    ; release-*                ; release-2024_06 ; true
            glob    ; release-*                ; release        ; false
            glob    ; *-rc?                    ; 1.0-rc1        ; true
            glob    ; *-rc?                    ; 1.0-rc10       ; false
            glob    ; *-rc?                    ; 1.0-rc         ; false
            glob    ; *                        ; anything.at-all ; true
            glob    ; ?                        ; a              ; true
            glob    ; ?                        ; ab             ; false
            glob    ; 1.2.3                    ; 1x2y3          ; false
            glob    ; 1.2.3                    ; 1.2.3          ; true
            glob    ; main-*-amd64             ; main-abc123-amd64 ; true
            glob    ; main-*-amd64             ; main-abc123-arm64 ; false
            semver  ; ^1.4                     ; 1.4.0          ; true
            semver  ; ^1.4                     ; v1.9.9         ; true
            semver  ; ^1.4                     ; 1.3.9          ; false
            semver  ; ^1.4                     ; 2.0.0          ; false
            semver  ; ^1.4                     ; 1.5.0-rc.1     ; false
            semver  ; ^1.4                     ; latest         ; false
            semver  ; ^1.4                     ; 1.4            ; false
            semver  ; ^1.4                     ; V1.4.0         ; false
            semver  ; ^1.4                     ; vv1.4.0        ; false
            semver  ; ^1.4                     ; 01.4.0         ; false
            semver  ; ~1.4.2                   ; 1.4.9          ; true
            semver  ; ~1.4.2                   ; 1.5.0          ; false
            semver  ; ~1.4.2                   ; 1.4.1          ; false
            semver  ; >=1.2.0 <2.0.0           ; 1.2.0          ; true
            semver  ; >=1.2.0 <2.0.0           ; 1.99.0         ; true
            semver  ; >=1.2.0 <2.0.0           ; 2.0.0          ; false
            semver  ; >= 1.2.0 < 2.0.0         ; 1.5.0          ; true
            semver  ; 1.x                      ; 1.0.0          ; true
            semver  ; 1.x                      ; 2.0.0          ; false
            semver  ; 1.2.X                    ; 1.2.7          ; true
            semver  ; ^1 || ^3                 ; 3.1.0          ; true
            semver  ; ^1 || ^3                 ; 2.1.0          ; false
            semver  ; 1.2.3 - 1.4.0            ; 1.4.0          ; true
            semver  ; 1.2.3 - 1.4.0            ; 1.4.1          ; false
            semver  ; *                        ; 0.0.1          ; true
            semver  ; x                        ; 9.9.9          ; true
            semver  ; X.x.x                    ; 0.1.0          ; true
            semver  ; *                        ; 1.0.0-rc.1     ; false
            semver  ; ^1.4.0-rc.1              ; 1.4.0-rc.2     ; true
            semver  ; ^1.4.0-rc.1              ; 1.4.0          ; true
            semver  ; ^1.4.0-rc.1              ; 1.5.0-rc.1     ; false
            semver  ; >1.2.3-beta.1            ; 1.2.3-beta.2   ; true
            semver  ; =1.2.3                   ; v1.2.3         ; true
            semver  ; v1.2.3                   ; 1.2.3          ; true
            semver  ; ~>1.2                    ; 1.2.9          ; true
            semver  ; ~>1.2                    ; 1.3.0          ; false
            semver  ; 1.2.3                    ; 1.2.3-rc.1     ; false
            regex   ; v[0-9]+\\.[0-9]+\\.[0-9]+ ; v1.4.2         ; true
            regex   ; v[0-9]+\\.[0-9]+\\.[0-9]+ ; v1.4.2-rc1     ; false
            regex   ; v[0-9]+\\.[0-9]+\\.[0-9]+ ; xv1.4.2        ; false
            regex   ; prod                     ; prod-1         ; false
            regex   ; prod.*                   ; prod-1         ; true
            regex   ; (?i)PROD                 ; prod           ; true
            """)
    void matchesTags(String kind, String expression, String tag, boolean matches) {
        TagPolicy policy = TagPolicy.parse(kind, expression);

        assertThat(policy.matches(tag)).isEqualTo(matches);
        assertThat(policy.kind()).isEqualTo(kind);
        assertThat(policy.expression()).isEqualTo(expression);
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @CsvSource(delimiter = ';', textBlock = """
            # kind  ; expression        ; the message says
            latest  ; v1                ; unknown tag policy kind 'latest': use exact, glob, semver or regex
            ''      ; v1                ; tag policy kind is empty
            exact   ; ''                ; exact tag '' is not an image tag
            exact   ; v1 2              ; exact tag 'v1 2' is not an image tag
            exact   ; -v1               ; exact tag '-v1' is not an image tag
            glob    ; ''                ; glob is empty
            glob    ; v1/*              ; glob 'v1/*' has '/': only tag characters
            glob    ; v[12].*           ; glob 'v[12].*' has '['
            glob    ; v1 *              ; glob 'v1 *' has ' '
            semver  ; ''                ; semver range '' is empty
            semver  ; '   '             ; semver range '   ' is empty
            semver  ; foo               ; semver range 'foo' is not an npm-style range
            semver  ; ^1.4 foo          ; is not an npm-style range
            semver  ; 1.2.3.4           ; is not an npm-style range
            semver  ; [1.0,2.0)         ; is not an npm-style range
            semver  ; >=                ; is not an npm-style range
            semver  ; 01.2.3            ; is not an npm-style range
            semver  ; latest            ; is not an npm-style range
            semver  ; ^1 ||             ; has an empty alternative around '||'
            semver  ; >=x               ; uses a wildcard major version
            semver  ; x - 1.2           ; uses a wildcard major version
            semver  ; ^*                ; uses a wildcard major version
            regex   ; ''                ; regex is empty
            regex   ; v[0-9             ; regex 'v[0-9' does not compile: Unclosed character class near index 4
            regex   ; (unclosed         ; does not compile
            regex   ; *v1               ; does not compile: Dangling meta character '*' near index 0
            """)
    void rejectsBadExpressions(String kind, String expression, String message) {
        assertThatThrownBy(() -> TagPolicy.parse(kind, expression))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void kindsAreCaseInsensitiveAndTrimmed() {
        assertThat(TagPolicy.parse(" SemVer ", "^1")).isEqualTo(new TagPolicy.SemverRange("^1"));
        assertThat(TagPolicy.parse("EXACT", "latest")).isEqualTo(new TagPolicy.Exact("latest"));
    }

    @Test
    void rejectsMissingParts() {
        assertThatThrownBy(() -> TagPolicy.parse(null, "v1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TagPolicy.parse("glob", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("tag policy glob has no expression");
        assertThatThrownBy(() -> new TagPolicy.Regex(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new TagPolicy.SemverRange(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new TagPolicy.Glob(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new TagPolicy.Exact(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void limitsExpressionLength() {
        assertThat(new TagPolicy.Regex("a".repeat(500)).matches("a".repeat(500))).isTrue();
        assertThatThrownBy(() -> new TagPolicy.Regex("a".repeat(501)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("regex is longer than 500 characters");
        assertThatThrownBy(() -> new TagPolicy.Glob("a".repeat(256)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than 255 characters");
        assertThatThrownBy(() -> new TagPolicy.SemverRange("1.2.3 ".repeat(100)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than 500 characters");
    }

    @Test
    void nullTagsNeverMatch() {
        assertThat(new TagPolicy.Exact("latest").matches(null)).isFalse();
        assertThat(new TagPolicy.Glob("*").matches(null)).isFalse();
        assertThat(new TagPolicy.SemverRange("*").matches(null)).isFalse();
        assertThat(new TagPolicy.Regex(".*").matches(null)).isFalse();
    }

    @Test
    void policiesWithTheSameTextAreEqual() {
        assertThat(TagPolicy.parse("regex", "v.*")).isEqualTo(new TagPolicy.Regex("v.*")).hasSameHashCodeAs(new TagPolicy.Regex("v.*"));
        assertThat(TagPolicy.parse("glob", "v*")).isNotEqualTo(TagPolicy.parse("regex", "v*"));
    }

    @Property
    void aGlobWithoutWildcardsIsAnExactMatch(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40) String tag,
                                             @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40) String other) {
        TagPolicy glob = new TagPolicy.Glob(tag);

        assertThat(glob.matches(tag)).isTrue();
        assertThat(glob.matches(other)).isEqualTo(other.equals(tag));
    }

    @Property
    void aStarGlobMatchesEveryPrefixedTag(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String prefix,
                                          @ForAll @NumericChars @StringLength(max = 20) String rest) {
        assertThat(new TagPolicy.Glob(prefix + "*").matches(prefix + rest)).isTrue();
        assertThat(new TagPolicy.Glob(prefix + "*").matches("_" + prefix + rest)).isFalse();
    }

    @Property
    void caretRangesFollowTheMajorVersion(@ForAll("small") int major, @ForAll("small") int minor, @ForAll("small") int patch) {
        TagPolicy policy = new TagPolicy.SemverRange("^3.2");
        boolean expected = major == 3 && minor >= 2;

        assertThat(policy.matches(major + "." + minor + "." + patch)).isEqualTo(expected);
        assertThat(policy.matches("v" + major + "." + minor + "." + patch)).isEqualTo(expected);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> small() {
        return net.jqwik.api.Arbitraries.integers().between(0, 12);
    }
}
