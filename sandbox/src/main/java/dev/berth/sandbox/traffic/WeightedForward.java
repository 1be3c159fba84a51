package dev.berth.sandbox.traffic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weighted forward as ELB has it: target groups with relative weights ({@code {a:1, b:1}} is 50/50, a
 * weight of 0 gets nothing), and which target group a request lands on.
 *
 * <p>The sandbox serves no HTTP traffic, so {@link #route} models it: a request is named by a key and sent,
 * by weighted rendezvous hashing, to one target group. The choice depends only on the key and the weights
 * (stable, the same in every JVM), over many keys the shares approach the weights, and when weight moves
 * from one target group to another only requests of the losing one move (a key on green stays on green
 * while green's weight grows). A real ALB balances requests without such a key (unless target group
 * stickiness is on); think of a key as a client that keeps landing on the same side.
 *
 * @param targetGroups in the order ELB lists them; a target group named twice has the sum of its weights
 */
public record WeightedForward(List<TargetGroupWeight> targetGroups) {

    /** One target group of the forward and its weight (0-999 in ELB). */
    public record TargetGroupWeight(String targetGroupArn, int weight) {
        public TargetGroupWeight {
            if (targetGroupArn == null || targetGroupArn.isBlank()) {
                throw new IllegalArgumentException("a target group ARN is required");
            }
            if (weight < 0) {
                throw new IllegalArgumentException("weight of " + targetGroupArn + " is " + weight + ", below 0");
            }
        }
    }

    public WeightedForward {
        if (targetGroups.isEmpty()) {
            throw new IllegalArgumentException("a forward needs at least one target group");
        }
        var merged = new LinkedHashMap<String, Integer>();
        targetGroups.forEach(group -> merged.merge(group.targetGroupArn(), group.weight(), Integer::sum));
        var distinct = new ArrayList<TargetGroupWeight>();
        merged.forEach((arn, weight) -> distinct.add(new TargetGroupWeight(arn, weight)));
        targetGroups = List.copyOf(distinct);
    }

    /** A forward with these weights, in the map's order. */
    public static WeightedForward of(Map<String, Integer> weights) {
        return new WeightedForward(weights.entrySet().stream()
                .map(entry -> new TargetGroupWeight(entry.getKey(), entry.getValue())).toList());
    }

    /** The weight per target group, in ELB's order. */
    public Map<String, Integer> weights() {
        var weights = new LinkedHashMap<String, Integer>();
        targetGroups.forEach(group -> weights.put(group.targetGroupArn(), group.weight()));
        return Collections.unmodifiableMap(weights);
    }

    public int totalWeight() {
        return targetGroups.stream().mapToInt(TargetGroupWeight::weight).sum();
    }

    /** The share of requests per target group, in percent (0 for all when every weight is 0), in ELB's order. */
    public Map<String, Double> percentages() {
        int total = totalWeight();
        var percentages = new LinkedHashMap<String, Double>();
        targetGroups.forEach(group -> percentages.put(group.targetGroupArn(), total == 0 ? 0.0 : 100.0 * group.weight() / total));
        return Collections.unmodifiableMap(percentages);
    }

    /** Whether some target group has a weight above 0, so that requests go somewhere. */
    public boolean routes() {
        return totalWeight() > 0;
    }

    /**
     * The target group a request named {@code requestKey} lands on: of the target groups with weight above 0,
     * the one with the highest {@code weight / -ln(u)}, where {@code u} in (0, 1) hashes the target group's ARN
     * and the key. That one wins with probability {@code weight / totalWeight}.
     *
     * @throws IllegalStateException when every weight is 0
     */
    public String route(String requestKey) {
        String chosen = null;
        double best = -1;
        for (TargetGroupWeight group : targetGroups) {
            if (group.weight() == 0) {
                continue;
            }
            double score = group.weight() / -Math.log(unitInterval(hash(group.targetGroupArn(), requestKey)));
            if (score > best) {
                best = score;
                chosen = group.targetGroupArn();
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("every target group of the forward has weight 0, so no request goes anywhere: "
                    + weights());
        }
        return chosen;
    }

    /**
     * How many of {@code requests} requests, keyed {@code request-0} to {@code request-(requests-1)}, land on each
     * target group (every target group listed, in ELB's order).
     */
    public Map<String, Integer> sample(int requests) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests is " + requests + ", below 0");
        }
        var hits = new LinkedHashMap<String, Integer>();
        targetGroups.forEach(group -> hits.put(group.targetGroupArn(), 0));
        for (int i = 0; i < requests; i++) {
            hits.merge(route("request-" + i), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(hits);
    }

    /** 64-bit FNV-1a of the ARN, a 0 byte and the key (UTF-8), then MurmurHash3's finalizer so every bit counts. */
    static long hash(String targetGroupArn, String requestKey) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (targetGroupArn + '\0' + requestKey).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }

    /** The top 53 bits as a double strictly between 0 and 1. */
    private static double unitInterval(long hash) {
        return ((hash >>> 11) + 0.5) * 0x1.0p-53;
    }
}
