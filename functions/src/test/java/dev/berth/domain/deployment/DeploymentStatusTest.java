package dev.berth.domain.deployment;

import static dev.berth.domain.deployment.DeploymentStatus.ABORTED;
import static dev.berth.domain.deployment.DeploymentStatus.FAILED;
import static dev.berth.domain.deployment.DeploymentStatus.IN_PROGRESS;
import static dev.berth.domain.deployment.DeploymentStatus.PENDING;
import static dev.berth.domain.deployment.DeploymentStatus.ROLLED_BACK;
import static dev.berth.domain.deployment.DeploymentStatus.ROLLING_BACK;
import static dev.berth.domain.deployment.DeploymentStatus.SUCCEEDED;
import static dev.berth.domain.deployment.DeploymentStatus.SUPERSEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentStatusTest {

    private static final Map<DeploymentStatus, Set<DeploymentStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(IN_PROGRESS, FAILED, ABORTED, SUPERSEDED),
            IN_PROGRESS, EnumSet.of(SUCCEEDED, ROLLING_BACK, FAILED, ABORTED, SUPERSEDED),
            ROLLING_BACK, EnumSet.of(ROLLED_BACK, FAILED, ABORTED, SUPERSEDED),
            SUCCEEDED, EnumSet.noneOf(DeploymentStatus.class),
            ROLLED_BACK, EnumSet.noneOf(DeploymentStatus.class),
            FAILED, EnumSet.noneOf(DeploymentStatus.class),
            ABORTED, EnumSet.noneOf(DeploymentStatus.class),
            SUPERSEDED, EnumSet.noneOf(DeploymentStatus.class));

    static Stream<Arguments> everyPair() {
        return Stream.of(DeploymentStatus.values()).flatMap(from -> Stream.of(DeploymentStatus.values())
                .map(to -> Arguments.of(from, to, ALLOWED.get(from).contains(to))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void allowsExactlyTheDocumentedMoves(DeploymentStatus from, DeploymentStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @EnumSource(names = {"SUCCEEDED", "ROLLED_BACK", "FAILED", "ABORTED", "SUPERSEDED"})
    void finalStatusesGoNowhere(DeploymentStatus status) {
        assertThat(status.isFinal()).isTrue();
        assertThat(EnumSet.allOf(DeploymentStatus.class)).noneMatch(status::canMoveTo);
    }

    @ParameterizedTest
    @EnumSource(names = {"PENDING", "IN_PROGRESS", "ROLLING_BACK"})
    void unfinishedStatusesCanAlwaysEnd(DeploymentStatus status) {
        assertThat(status.isFinal()).isFalse();
        assertThat(status.canMoveTo(FAILED)).isTrue();
        assertThat(status.canMoveTo(status)).isFalse();
    }

    @Test
    void nothingMovesToNoStatus() {
        assertThat(EnumSet.allOf(DeploymentStatus.class)).noneMatch(status -> status.canMoveTo(null));
    }
}
