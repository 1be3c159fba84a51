package dev.berth.domain.traffic;

import dev.berth.domain.traffic.TrafficStep.ManualPause;
import dev.berth.domain.traffic.TrafficStep.Shift;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random valid traffic schedules for the property tests of the schedules, the plans and the settings. */
public final class TrafficArbitraries {

    private TrafficArbitraries() {}

    /**
     * Valid explicit lists of up to {@code maxSize} entries baking up to {@code maxBakeSeconds} each: weights sorted into
     * the shifts' places, and a pause after a pause made a shift.
     */
    public static Arbitrary<TrafficSchedule> explicit(long maxBakeSeconds, int maxSize) {
        Arbitrary<Integer> weightOrPause = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(-1)),
                Tuple.of(3, Arbitraries.integers().between(0, 100)));
        Arbitrary<Long> bake = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(3, Arbitraries.longs().between(0, maxBakeSeconds)));
        return Combinators.combine(weightOrPause, bake).as(Tuple::of).list().ofMinSize(1).ofMaxSize(maxSize).map(entries -> {
            List<Integer> sorted = entries.stream().map(Tuple.Tuple2::get1).filter(w -> w >= 0).sorted().toList();
            List<TrafficStep> steps = new ArrayList<>();
            int next = 0;
            int reached = 0;
            for (var entry : entries) {
                boolean pause = entry.get1() < 0;
                if (pause && !(!steps.isEmpty() && steps.getLast() instanceof ManualPause)) {
                    steps.add(new ManualPause());
                } else {
                    reached = pause ? reached : sorted.get(next++);
                    steps.add(new Shift(reached, Duration.ofSeconds(entry.get2())));
                }
            }
            return new TrafficSchedule.Steps(steps);
        });
    }
}
