package dev.berth.sandbox.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.berth.adapters.CloudWatchAlarms;
import dev.berth.ports.Alarms;
import dev.berth.ports.TransientAwsException;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.faults.FaultRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** {@link CloudWatchAlarms} against the sandbox: CloudWatch calls (signing name {@code monitoring}) reach moto. */
class CloudWatchAlarmsTest {

    private static final String DESCRIBE_ALARMS = "monitoring.DescribeAlarms";

    private static LocalBerth berth;
    private static CloudWatchClient cloudWatch;
    private static CloudWatchAlarms alarms;

    @BeforeAll
    static void startSandbox() {
        berth = SharedLocalBerth.get();
        cloudWatch = berth.clients().cloudWatch();
        alarms = new CloudWatchAlarms(cloudWatch);
    }

    /** A new alarm on a metric of its own, put in {@code state} (CloudWatch starts alarms in INSUFFICIENT_DATA). */
    private static String alarm(String name, StateValue state) {
        cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("Berth/Test").metricName("HTTPCode_Target_5XX_Count")
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
        cloudWatch.setAlarmState(r -> r.alarmName(name).stateValue(state).stateReason("set by " + CloudWatchAlarmsTest.class.getSimpleName()));
        return name;
    }

    private static String prefix() {
        return "cw-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private static long describeAlarmsCalls() {
        return berth.sandbox().gateway().callCounts().getOrDefault(DESCRIBE_ALARMS, 0L);
    }

    @Test
    void eachAlarmHasItsStateAndAnUnknownNameIsMissingInTheOrderGiven() {
        String p = prefix();
        String latency = alarm(p + "latency", StateValue.OK);
        String errors = alarm(p + "errors", StateValue.OK);
        String saturation = alarm(p + "saturation", StateValue.OK);
        String unknown = p + "never-created";
        cloudWatch.setAlarmState(r -> r.alarmName(errors).stateValue(StateValue.ALARM).stateReason("5XX above threshold"));

        Map<String, String> states = alarms.states(List.of(saturation, unknown, errors, latency));

        assertThat(states).containsExactly(entry(saturation, "OK"), entry(unknown, Alarms.MISSING),
                entry(errors, "ALARM"), entry(latency, "OK"));
    }

    @Test
    void insufficientDataIsItsOwnState() {
        String p = prefix();
        String quiet = alarm(p + "quiet", StateValue.INSUFFICIENT_DATA);

        assertThat(alarms.states(List.of(quiet))).containsExactly(entry(quiet, "INSUFFICIENT_DATA"));
    }

    @Test
    void moreThanAHundredNamesAreAskedInBatchesOfAHundredAndKeepTheirOrder() {
        String p = prefix();
        List<String> names = new ArrayList<>(IntStream.range(0, 105).mapToObj(i -> alarm(p + i, StateValue.OK)).toList());
        cloudWatch.setAlarmState(r -> r.alarmName(p + 3).stateValue(StateValue.ALARM).stateReason("first batch"));
        cloudWatch.setAlarmState(r -> r.alarmName(p + 104).stateValue(StateValue.ALARM).stateReason("second batch"));
        Collections.shuffle(names, new java.util.Random(7));
        long before = describeAlarmsCalls();

        Map<String, String> states = alarms.states(names);

        assertThat(describeAlarmsCalls() - before).as("DescribeAlarms calls for 105 names").isEqualTo(2);
        assertThat(List.copyOf(states.keySet())).isEqualTo(names);
        assertThat(states).hasSize(105)
                .containsEntry(p + 3, "ALARM").containsEntry(p + 104, "ALARM")
                .containsEntry(p + 0, "OK").containsEntry(p + 100, "OK");
        assertThat(states.values()).filteredOn("OK"::equals).hasSize(103);
    }

    @Test
    void aNameGivenTwiceIsAskedAndAnsweredOnce() {
        String p = prefix();
        String errors = alarm(p + "errors", StateValue.ALARM);

        assertThat(alarms.states(List.of(errors, p + "gone", errors)))
                .containsExactly(entry(errors, "ALARM"), entry(p + "gone", Alarms.MISSING));
    }

    @Test
    void noNamesIsNoStatesWithoutAnyCall() {
        long before = describeAlarmsCalls();

        assertThat(alarms.states(List.of())).isEmpty();
        assertThat(describeAlarmsCalls()).isEqualTo(before);
    }

    @Test
    void aFailingDescribeAlarmsIsTransientAfterTheSdksRetries() {
        String p = prefix();
        String latency = alarm(p + "latency", StateValue.OK);
        var faults = berth.sandbox().faults();
        // "cloudwatch" is folded into CloudWatch's signing name, monitoring.
        String rule = faults.add(FaultRule.failing("cloudwatch", "DescribeAlarms"));
        try {
            assertThatThrownBy(() -> alarms.states(List.of(latency, p + "other")))
                    .isInstanceOf(TransientAwsException.class)
                    .hasMessageStartingWith("DescribeAlarms " + latency + " and 1 more failed: InternalFailure");
            assertThat(faults.status(rule).orElseThrow().fired()).as("the SDK's attempts").isEqualTo(5);
        } finally {
            faults.remove(rule);
        }
        assertThat(alarms.states(List.of(latency))).containsExactly(entry(latency, "OK"));
    }
}
