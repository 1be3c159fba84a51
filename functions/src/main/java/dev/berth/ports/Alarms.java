package dev.berth.ports;

import java.util.List;
import java.util.Map;

/** CloudWatch alarms whose {@code ALARM} state fails a blue/green deployment. */
public interface Alarms {

    /** The state CloudWatch gives an alarm it does not know. */
    String MISSING = "MISSING";

    /**
     * The state of each named alarm ({@code OK}, {@code ALARM}, {@code INSUFFICIENT_DATA}), in the order given;
     * a name CloudWatch does not know (metric or composite alarm) is {@link #MISSING}.
     */
    Map<String, String> states(List<String> alarmNames);
}
