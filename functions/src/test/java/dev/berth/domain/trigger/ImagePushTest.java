package dev.berth.domain.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImagePushTest {

    private static final ImageReference IMAGE = ImageReference.parse("acme/app:1.0");
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"ecr", "dockerhub", "api"})
    void acceptsTheKnownSources(String source) {
        assertThat(new ImagePush(IMAGE, source, "e-1", NOW).source()).isEqualTo(source);
    }

    @Test
    void rejectsIncompletePushes() {
        assertThatThrownBy(() -> new ImagePush(IMAGE, "ftp", "e-1", NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("push source 'ftp' must be one of ecr, dockerhub, api");
        assertThatThrownBy(() -> new ImagePush(IMAGE, "api", " ", NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("push of docker.io/acme/app:1.0 has no event id");
        assertThatThrownBy(() -> new ImagePush(IMAGE, "api", "e-1", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("push of docker.io/acme/app:1.0 has no time");
        assertThatThrownBy(() -> new ImagePush(null, "api", "e-1", NOW))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void decisionsNeedTheirContent() {
        assertThatThrownBy(() -> new PushDecision.Ignore(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PushDecision.Deploy(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
