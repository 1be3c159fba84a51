package dev.berth.adapters;

import dev.berth.ports.Alarms;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;

/** {@link Alarms} on CloudWatch's DescribeAlarms, metric and composite alarms alike. */
public final class CloudWatchAlarms implements Alarms {

    /** The most alarm names one DescribeAlarms call takes. */
    static final int NAMES_PER_CALL = 100;
    /** The most alarms one page lists (the default is 50). */
    private static final int MAX_RECORDS = 100;

    private final Supplier<CloudWatchClient> cloudWatch;

    public CloudWatchAlarms(CloudWatchClient cloudWatch) {
        this(() -> cloudWatch);
    }

    /** Builds the client only when the first call needs it: a cold start that makes no call does not pay for it. */
    public CloudWatchAlarms(Supplier<CloudWatchClient> cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public Map<String, String> states(List<String> alarmNames) {
        if (alarmNames.isEmpty()) {
            return Map.of();
        }
        List<String> names = new ArrayList<>(new LinkedHashSet<>(alarmNames.stream().map(Objects::requireNonNull).toList()));
        var found = new HashMap<String, String>();
        for (int from = 0; from < names.size(); from += NAMES_PER_CALL) {
            describe(names.subList(from, Math.min(from + NAMES_PER_CALL, names.size())), found);
        }
        var states = new LinkedHashMap<String, String>();
        names.forEach(name -> states.put(name, found.getOrDefault(name, MISSING)));
        return Collections.unmodifiableMap(states);
    }

    /** Every page of one batch's DescribeAlarms, its alarms' states put into {@code found}. */
    private void describe(List<String> batch, Map<String, String> found) {
        String what = "DescribeAlarms " + batch.getFirst() + (batch.size() == 1 ? "" : " and " + (batch.size() - 1) + " more");
        String token = null;
        do {
            String page = token;
            DescribeAlarmsResponse response = AwsCalls.call(what, () -> cloudWatch.get().describeAlarms(r -> r
                    .alarmNames(batch)
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
                    .maxRecords(MAX_RECORDS)
                    .nextToken(page)));
            response.metricAlarms().forEach(alarm -> found.put(alarm.alarmName(), alarm.stateValueAsString()));
            response.compositeAlarms().forEach(alarm -> found.put(alarm.alarmName(), alarm.stateValueAsString()));
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
    }
}
