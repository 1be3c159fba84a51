package dev.berth.sandbox.bench;

import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SandboxOptions;
import dev.berth.sandbox.throttling.ApiCalls;
import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code ./berth bench scale}: many services deploying at once ({@link ScaleRun}), once per size, each on a
 * fresh sandbox, printing per API the calls, their peak per second against AWS's limit, the throttled and
 * failed-on-purpose responses and the SDK's retries, and how every deployment ended.
 */
public final class ScaleBench {

    private final PrintStream out;

    public ScaleBench(PrintStream out) {
        this.out = out;
    }

    /** Runs each size in turn; 0 when every run ended right, 1 otherwise. */
    public int run(SandboxOptions options, List<Integer> sizes, int clusters) throws Exception {
        boolean allRight = true;
        for (int size : sizes) {
            ScaleShape shape = ScaleShape.bench(size, Math.min(clusters, size));
            out.printf("%nMany deployments at once: %d services in %d clusters, pushes within %d s, 1 in %d bad, %.0f%% of ECS, ELB"
                            + " and Step Functions calls failed on purpose, AWS's rate limits enforced, looks every %d s%n",
                    shape.services(), shape.clusters(), shape.pushWithin().toSeconds(), shape.badEvery(), shape.faultRatio() * 100,
                    shape.pollSeconds());
            try (LocalBerth berth = LocalBerth.start(options, LocalBerth.Pace.demo())) {
                ScaleResult result = new ScaleRun(berth, out).run(shape);
                print(result);
                allRight &= result.problems().isEmpty();
            }
        }
        return allRight ? 0 : 1;
    }

    void print(ScaleResult result) {
        out.printf("  setup %d s; first push to last final record %d s%n", result.setup().toSeconds(), result.wall().toSeconds());
        out.printf("  records    %s%n  executions %s%n", result.recordsByStatus(), result.executionsByStatus());
        out.printf("  %-40s %7s %7s %12s %9s %8s %8s%n", "API", "calls", "peak/s", "limit", "throttled", "faulted", "retries");
        var names = new TreeSet<>(result.apis().keySet());
        names.addAll(result.faults().keySet());
        for (String api : names) {
            ApiCalls calls = result.apis().getOrDefault(api, new ApiCalls(0, 0, 0, 0, java.util.Optional.empty()));
            String limit = calls.limit().map(l -> l.burst() + " / " + (int) l.refillPerSecond() + "/s").orElse("-");
            out.printf("  %-40s %7d %7d %12s %9d %8d %8d%n", api, calls.calls(), calls.peakPerSecond(), limit, calls.throttled(),
                    result.faults().getOrDefault(api, 0), calls.retries());
        }
        out.printf("  in all: %d throttled, %d failed on purpose, %d SDK retries (attempt 2 and on), %d Lambda task attempts failed"
                + " and retried by the state machine%n", result.throttled(), result.injected(), result.sdkRetries(), result.taskRetries());
        out.printf("  problems: %s%n", result.problems().isEmpty() ? "none" : result.problems().size());
        result.problems().forEach(problem -> out.printf("    %s%n", problem));
    }
}
