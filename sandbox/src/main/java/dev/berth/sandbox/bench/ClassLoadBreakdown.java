package dev.berth.sandbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cold start loads, by library, read from the JVM's {@code -Xlog:class+load} output: the JDK's classes
 * (from its CDS archive, its modules, or spun at run time), and the rest grouped by who wrote them.
 * The grouping says where start-up time goes and what a cut would save.
 */
final class ClassLoadBreakdown {

    /** Class-name prefixes, first match wins; what matches none is "other". */
    private static final List<Map.Entry<String, String>> GROUPS = List.of(
            Map.entry("software.amazon.awssdk.regions.servicemetadata.", "SDK: metadata of every AWS service"),
            Map.entry("software.amazon.awssdk.regions.regionmetadata.", "SDK: metadata of every region"),
            Map.entry("software.amazon.awssdk.services.", "SDK: the service clients and models"),
            Map.entry("software.amazon.awssdk.thirdparty.", "SDK: its shaded Jackson core"),
            Map.entry("software.amazon.awssdk.", "SDK: core, HTTP, auth, protocols"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("dev.berth.", "Berth"));
    private static final Pattern LINE = Pattern.compile("\\]\\s*(\\S+) source: (.*)$");

    private ClassLoadBreakdown() {}

    /** Counts per group, the JDK's own first, in {@link #GROUPS} order, from one {@code -Xlog:class+load} file. */
    static Map<String, Integer> of(Path log) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("JDK", 0);
        GROUPS.forEach(group -> counts.put(group.getValue(), 0));
        counts.put("other", 0);
        for (String line : Files.readAllLines(log)) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1);
            String source = m.group(2);
            // The JDK's modules, its CDS archive and the method handles it spins; lambdas count with their host class.
            boolean jdk = source.startsWith("jrt:/") || source.startsWith("shared objects file")
                    || source.startsWith("__JVM_LookupDefineClass__") || name.startsWith("java.") || name.startsWith("jdk.");
            String group = jdk ? "JDK"
                    : GROUPS.stream().filter(g -> name.startsWith(g.getKey())).map(Map.Entry::getValue).findFirst().orElse("other");
            counts.merge(group, 1, Integer::sum);
        }
        return counts;
    }
}
