package dev.berth.sandbox.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments, read the way every {@code ./berth} command reads them: positional words, options with a
 * value ({@code --name value} or {@code --name=value}) and flags ({@code --name}). An option the command does not know,
 * or one without its value, is a {@link Problem} naming it, for the command's usage line.
 */
record Arguments(List<String> positional, Map<String, String> options, Set<String> flags) {

    /** What is wrong with the arguments, for people. */
    static final class Problem extends Exception {
        Problem(String message) {
            super(message);
        }
    }

    /** Reads {@code arguments}; {@code valued} are the options that take a value, {@code flags} those that do not. */
    static Arguments parse(List<String> arguments, Set<String> valued, Set<String> flags) throws Problem {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> given = new java.util.LinkedHashSet<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                positional.add(argument);
                continue;
            }
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            if (flags.contains(name) && !argument.contains("=")) {
                given.add(name);
            } else if (!valued.contains(name)) {
                throw new Problem("unknown option '" + argument + "'");
            } else if (argument.contains("=")) {
                options.put(name, argument.substring(argument.indexOf('=') + 1));
            } else if (i + 1 < arguments.size()) {
                options.put(name, arguments.get(++i));
            } else {
                throw new Problem("option " + name + " needs a value");
            }
        }
        return new Arguments(List.copyOf(positional), Map.copyOf(options), Set.copyOf(given));
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
