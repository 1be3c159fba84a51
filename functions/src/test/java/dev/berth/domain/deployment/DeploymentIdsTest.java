package dev.berth.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentIdsTest {

    private static final String EVENT = "13cde686-328b-6117-af20-0e5566167482";

    @Test
    void isSha256OverLengthPrefixedParts() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (String part : new String[] {EVENT, "prod", "web"}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha256.update(bytes);
        }
        String expected = "d-" + HexFormat.of().formatHex(sha256.digest()).substring(0, 30);

        assertThat(DeploymentIds.of(EVENT, "prod", "web")).isEqualTo(expected);
    }

    @Test
    void isTheSameForTheSameTrigger() {
        assertThat(DeploymentIds.of(EVENT, "prod", "web")).isEqualTo(DeploymentIds.of(EVENT, "prod", "web"));
    }

    @ParameterizedTest
    @CsvSource({
        "a, bc, x, ab, c, x",
        "e, a, bc, e, ab, c",
        "e1, prod, web, e2, prod, web",
        "e, prod, web, e, prod-eu, web",
        "e, prod, web, e, web, prod",
    })
    void differsWhenAnyPartDiffers(String e1, String c1, String s1, String e2, String c2, String s2) {
        assertThat(DeploymentIds.of(e1, c1, s1)).isNotEqualTo(DeploymentIds.of(e2, c2, s2));
    }

    @Property
    void isAValidStepFunctionsExecutionName(@ForAll @NotEmpty String event, @ForAll @NotEmpty String cluster, @ForAll @NotEmpty String service) {
        assertThat(DeploymentIds.of(event, cluster, service)).matches("d-[0-9a-f]{30}");
    }

    @Test
    void rejectsMissingParts() {
        assertThatThrownBy(() -> DeploymentIds.of("", "prod", "web")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeploymentIds.of(EVENT, null, "web")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeploymentIds.of(EVENT, "prod", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
