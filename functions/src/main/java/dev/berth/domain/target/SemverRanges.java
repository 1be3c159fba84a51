package dev.berth.domain.target;

import dev.berth.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * Reads npm-style semver ranges and the tags they select.
 *
 * <p>semver4j silently turns text it does not understand into a range that matches nothing (and misreads ranges such as
 * {@code x} or {@code >=*}), so the range is first checked against npm's grammar and wildcards are normalised.
 */
final class SemverRanges {

    static final int MAX_LENGTH = 500;

    private static final String NUMBER_OR_WILDCARD = "(?:0|[1-9][0-9]*|[xX*])";
    private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final String PARTIAL = NUMBER_OR_WILDCARD + "(?:\\." + NUMBER_OR_WILDCARD + "(?:\\." + NUMBER_OR_WILDCARD
            + "(?:-" + IDENTIFIERS + ")?(?:\\+" + IDENTIFIERS + ")?)?)?";
    private static final String OPERATOR = "<=|>=|<|>|=|~>?|\\^";
    private static final Pattern COMPARATOR = Pattern.compile("(" + OPERATOR + ")?\\s*v?(" + PARTIAL + ")");
    private static final Pattern COMPARATORS = Pattern.compile(
            "(?:(?:" + OPERATOR + ")?\\s*v?" + PARTIAL + ")(?:\\s+(?:(?:" + OPERATOR + ")?\\s*v?" + PARTIAL + "))*");
    private static final Pattern HYPHEN = Pattern.compile("v?(" + PARTIAL + ")\\s+-\\s+v?(" + PARTIAL + ")");
    private static final Pattern WILDCARD_MAJOR = Pattern.compile("[xX*](?:\\.[xX*]){0,2}");

    private static final CompiledExpressions<RangeList> COMPILED = new CompiledExpressions<>(SemverRanges::compile);

    private SemverRanges() {}

    /** Checks the range and returns it compiled. */
    static RangeList compiled(String range) {
        return COMPILED.get(range);
    }

    /** Whether the tag, read as a version (a leading {@code v} allowed), lies in the range; non-versions never do. */
    static boolean matches(String range, String tag) {
        String version = tag.startsWith("v") ? tag.substring(1) : tag;
        if (version.isEmpty() || !Character.isDigit(version.charAt(0))) {
            return false;
        }
        Semver parsed = Semver.parse(version);
        return parsed != null && compiled(range).isSatisfiedBy(parsed);
    }

    private static RangeList compile(String range) {
        if (range.isBlank()) {
            throw invalid(range, "is empty");
        }
        if (range.length() > MAX_LENGTH) {
            throw invalid(range, "is longer than " + MAX_LENGTH + " characters");
        }
        List<String> alternatives = new ArrayList<>();
        for (String alternative : range.split("\\|\\|", -1)) {
            alternatives.add(normalise(range, alternative.strip()));
        }
        RangeList compiled = RangeListFactory.create(String.join(" || ", alternatives));
        if (compiled.get().size() != alternatives.size()) {
            throw invalid(range, "is not understood");
        }
        return compiled;
    }

    private static String normalise(String range, String alternative) {
        if (alternative.isEmpty()) {
            throw invalid(range, "has an empty alternative around '||'");
        }
        Matcher hyphen = HYPHEN.matcher(alternative);
        if (hyphen.matches()) {
            return requireConcreteMajor(range, hyphen.group(1)) + " - " + requireConcreteMajor(range, hyphen.group(2));
        }
        if (!COMPARATORS.matcher(alternative).matches()) {
            throw invalid(range, "is not an npm-style range such as ^1.4, ~1.4.2, >=1.2.0 <2.0.0, 1.x or 1.2.3 - 1.4.0");
        }
        List<String> comparators = new ArrayList<>();
        Matcher comparator = COMPARATOR.matcher(alternative);
        while (comparator.find()) {
            String operator = comparator.group(1) == null ? "" : comparator.group(1);
            String partial = comparator.group(2);
            comparators.add(operator.isEmpty() && WILDCARD_MAJOR.matcher(partial).matches()
                    ? "*"
                    : operator + requireConcreteMajor(range, partial));
        }
        return String.join(" ", comparators);
    }

    private static String requireConcreteMajor(String range, String partial) {
        if (partial.startsWith("x") || partial.startsWith("X") || partial.startsWith("*")) {
            throw invalid(range, "uses a wildcard major version with an operator or hyphen: write '*' alone for any version");
        }
        return partial;
    }

    private static InvalidInputException invalid(String range, String problem) {
        return new InvalidInputException("semver range '" + range + "' " + problem);
    }
}
