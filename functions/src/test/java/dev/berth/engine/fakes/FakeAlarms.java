package dev.berth.engine.fakes;

import dev.berth.ports.Alarms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CloudWatch alarms by name, each in a state a test sets. */
public final class FakeAlarms implements Alarms {

    private final Map<String, String> states = new LinkedHashMap<>();
    private int calls;

    public void set(String name, String state) {
        states.put(name, state);
    }

    @Override
    public Map<String, String> states(List<String> alarmNames) {
        if (alarmNames.isEmpty()) {
            return Map.of();
        }
        calls++;
        Map<String, String> answer = new LinkedHashMap<>();
        alarmNames.forEach(name -> answer.put(name, states.getOrDefault(name, MISSING)));
        return answer;
    }

    public int calls() {
        return calls;
    }
}
