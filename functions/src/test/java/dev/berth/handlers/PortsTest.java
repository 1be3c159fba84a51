package dev.berth.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.aws.FunctionEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortsTest {

    private final Ports ports = new Ports(new FunctionEnvironment(Map.of("AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret")));

    @Test
    void adaptersThatRememberBetweenInvocationsAreBuiltOncePerFunctionInstance() {
        // The ECS adapter caches what it learnt of immutable revisions; the registry owns an HTTP client.
        assertThat(ports.ecs()).isSameAs(ports.ecs());
        assertThat(ports.registry()).isSameAs(ports.registry());
    }
}
