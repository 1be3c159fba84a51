package dev.berth.sandbox.cli;

import dev.berth.sandbox.SandboxOptions;
import dev.berth.sandbox.bench.ScaleBench;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code ./berth bench scale [--services 50,200] [--clusters 5]}: {@link ScaleBench}. */
final class ScaleCommand implements BerthCli.Command {

    private static final String USAGE = "usage: ./berth bench scale [--services 50,200] [--clusters 5]";

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        try {
            Arguments parsed = Arguments.parse(arguments, Set.of("--services", "--clusters"), Set.of());
            List<Integer> sizes = Arrays.stream(parsed.option("--services").orElse("50,200").split(","))
                    .map(String::trim).map(Integer::parseInt).toList();
            int clusters = Integer.parseInt(parsed.option("--clusters").orElse("5"));
            return new ScaleBench(out).run(SandboxOptions.forThisProject(), sizes, clusters);
        } catch (Arguments.Problem | NumberFormatException e) {
            err.println("berth bench scale: " + e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (Exception e) {
            err.println("berth bench scale: " + e);
            return 1;
        }
    }
}
