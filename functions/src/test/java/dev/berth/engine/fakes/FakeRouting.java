package dev.berth.engine.fakes;

import dev.berth.ports.AwsCallException;
import dev.berth.ports.TrafficRouting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Listeners and rules in a map, each with its weighted forward; {@link #editByHand} is someone else changing one. */
public final class FakeRouting implements TrafficRouting {

    private final Map<String, Map<String, Integer>> forwards = new LinkedHashMap<>();
    private final List<String> writes = new ArrayList<>();

    /** A listener forwarding with these weights, as the team set it up. */
    public void create(String arn, Map<String, Integer> weights) {
        forwards.put(arn, new LinkedHashMap<>(weights));
    }

    @Override
    public Map<String, Integer> weights(String arn) {
        return Map.copyOf(forward(arn));
    }

    @Override
    public void setWeights(String arn, Map<String, Integer> weights) {
        forward(arn);
        forwards.put(arn, new LinkedHashMap<>(weights));
        writes.add(arn + " " + weights);
    }

    /** Someone outside Berth sets the weights. */
    public void editByHand(String arn, Map<String, Integer> weights) {
        forward(arn);
        forwards.put(arn, new LinkedHashMap<>(weights));
    }

    /** The writes Berth made, in order: {@code <arn> {tg=10, tg2=90}}. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    private Map<String, Integer> forward(String arn) {
        Map<String, Integer> forward = forwards.get(arn);
        if (forward == null) {
            throw new AwsCallException("DescribeListeners " + arn + ": ListenerNotFound: One or more listeners not found", null);
        }
        return forward;
    }
}
