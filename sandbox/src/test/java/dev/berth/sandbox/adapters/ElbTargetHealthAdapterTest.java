package dev.berth.sandbox.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.adapters.ElbTargetHealthAdapter;
import dev.berth.domain.health.TargetGroupHealth;
import dev.berth.domain.health.TargetView;
import dev.berth.ports.AwsCallException;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.demo.DemoService;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** {@link ElbTargetHealthAdapter} against the sandbox: the data plane answers DescribeTargetHealth, moto the rest. */
class ElbTargetHealthAdapterTest {

    private static LocalBerth berth;
    private static ElbTargetHealthAdapter adapter;

    @BeforeAll
    static void startSandbox() {
        berth = SharedLocalBerth.get();
        adapter = new ElbTargetHealthAdapter(berth.clients().elb());
    }

    @Test
    void aSteadyServicesTargetGroupHasDesiredCountHealthyTargetsOnTheContainerPort() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        DemoService service = berth.world().create("elb-" + suffix, "web-" + suffix,
                berth.pusher().repositoryUri("adapters/web-" + suffix), "1.0.0", 3, Duration.ofSeconds(90));

        TargetGroupHealth health = adapter.describe(service.targetGroupArn());

        assertThat(health.targetGroupArn()).isEqualTo(service.targetGroupArn());
        assertThat(health.name()).isEqualTo("elb-" + suffix + "-web-" + suffix);
        assertThat(health.targets()).hasSize(3).allSatisfy(target -> {
            assertThat(target.state()).isEqualTo("healthy");
            assertThat(target.port()).isEqualTo(8080);
            assertThat(target.id()).matches("10\\.0\\.\\d+\\.\\d+");
            assertThat(target.reason()).isEmpty();
        });
        assertThat(health.targets()).extracting(TargetView::id).doesNotHaveDuplicates();
        assertThat(health.count("healthy")).isEqualTo(3);
    }

    @Test
    void anUnknownTargetGroupIsAnAwsCallExceptionWithTheAwsErrorCode() {
        String unknown = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/unknown-"
                + UUID.randomUUID().toString().substring(0, 8) + "/0123456789abcdef";

        assertThatThrownBy(() -> adapter.describe(unknown))
                .isInstanceOf(AwsCallException.class)
                .hasMessageContaining("DescribeTargetHealth " + unknown)
                .hasMessageContaining("TargetGroupNotFound")
                .cause().isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TargetGroupNotFound"));
    }
}
