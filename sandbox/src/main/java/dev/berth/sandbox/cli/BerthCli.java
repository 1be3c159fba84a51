package dev.berth.sandbox.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Berth's command line, run by {@code ./berth <command> [options]} with {@code -Dberth.projectRoot}.
 * Each command is one entry of {@link #COMMANDS}; a new command (the demo, the benchmarks) is a new entry.
 */
public final class BerthCli {

    /** One command: runs with its arguments and returns the process exit status. */
    @FunctionalInterface
    public interface Command {
        int run(List<String> arguments, PrintStream out, PrintStream err);
    }

    /** A command and the line {@code help} shows for it. */
    public record Entry(String summary, Command command) {}

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("sandbox", new Entry("local AWS for Berth on http://127.0.0.1:4599 until Ctrl-C (--port N, "
                + "--time-scale N); 'sandbox image shop/web:1.2.0 unhealthy' sets how an image behaves in it",
                new SandboxCommand()));
        COMMANDS.put("demo", new Entry("a push deploys, a bad push rolls back, a wrong-architecture push stops in pre-flight,"
                + " a blue/green canary shifts and the next is rolled back by an alarm",
                (arguments, out, err) -> new DemoCommand(out).run(dev.berth.sandbox.SandboxOptions.forThisProject())));
        COMMANDS.put("promote", new Entry("a blue/green deployment waiting at its manual gate goes on (<deployment-id> [--reason T])",
                new GateCommand("promote")));
        COMMANDS.put("abort", new Entry("a blue/green deployment waiting at its manual gate rolls back (<deployment-id> [--reason T])",
                new GateCommand("abort")));
        COMMANDS.put("bench", new Entry("artifact size, cold start vs hello-world, transitions and API calls per deployment;"
                + " 'bench scale' deploys 50 then 200 services at once under AWS's rate limits and injected faults",
                (arguments, out, err) -> {
                    if (!arguments.isEmpty() && arguments.getFirst().equals("scale")) {
                        return new ScaleCommand().run(arguments.subList(1, arguments.size()), out, err);
                    }
                    var options = dev.berth.sandbox.SandboxOptions.forThisProject();
                    try {
                        return new dev.berth.sandbox.bench.BenchCommand(out, options.projectRoot()).run(options);
                    } catch (java.io.IOException e) {
                        err.println("berth bench: " + e.getMessage());
                        return 1;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return 130;
                    }
                }));
    }

    private BerthCli() {}

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        System.exit(status);
    }

    /** Runs the command named by the first argument. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("help", "-h", "--help").contains(args.getFirst())) {
            out.println("usage: ./berth <command> [options]");
            COMMANDS.forEach((name, entry) -> out.printf("  %-8s %s%n", name, entry.summary()));
            return args.isEmpty() ? 2 : 0;
        }
        Entry entry = COMMANDS.get(args.getFirst());
        if (entry == null) {
            err.println("berth: unknown command '" + args.getFirst() + "': commands are " + String.join(", ", COMMANDS.keySet()));
            return 2;
        }
        return entry.command().run(args.subList(1, args.size()), out, err);
    }
}
