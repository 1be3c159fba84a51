package dev.berth.domain.target;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** How a target decides whether a pushed tag is a release for it. */
public sealed interface TagPolicy permits TagPolicy.Exact, TagPolicy.Glob, TagPolicy.SemverRange, TagPolicy.Regex {

    /** Whether a pushed tag is a release for the target. */
    boolean matches(String tag);

    /** {@code exact}, {@code glob}, {@code semver} or {@code regex}. */
    String kind();

    /** The text of the policy, as written. */
    String expression();

    /**
     * Reads a policy from its kind and expression.
     *
     * @throws InvalidInputException on an unknown kind or an expression that kind cannot read
     */
    static TagPolicy parse(String kind, String expression) {
        if (kind == null || kind.isBlank()) {
            throw new InvalidInputException("tag policy kind is empty: use exact, glob, semver or regex");
        }
        if (expression == null) {
            throw new InvalidInputException("tag policy " + kind + " has no expression");
        }
        return switch (kind.strip().toLowerCase(Locale.ROOT)) {
            case "exact" -> new Exact(expression);
            case "glob" -> new Glob(expression);
            case "semver" -> new SemverRange(expression);
            case "regex" -> new Regex(expression);
            default -> throw new InvalidInputException(
                    "unknown tag policy kind '" + kind + "': use exact, glob, semver or regex");
        };
    }

    /** One tag, e.g. {@code latest} or {@code stable}: a moving tag, re-pushed for every release. */
    record Exact(String tag) implements TagPolicy {

        public Exact {
            if (!ImageReference.isValidTag(tag)) {
                throw new InvalidInputException("exact tag '" + tag
                        + "' is not an image tag: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
            }
        }

        @Override
        public boolean matches(String candidate) {
            return tag.equals(candidate);
        }

        @Override
        public String kind() {
            return "exact";
        }

        @Override
        public String expression() {
            return tag;
        }
    }

    /** A whole-tag wildcard pattern: {@code *} is any run of tag characters, {@code ?} is one, the rest is literal. */
    record Glob(String pattern) implements TagPolicy {

        static final int MAX_LENGTH = 255;
        private static final CompiledExpressions<Pattern> COMPILED = new CompiledExpressions<>(Glob::compile);

        public Glob {
            if (pattern == null) {
                throw new InvalidInputException("glob is empty");
            }
            COMPILED.get(pattern);
        }

        @Override
        public boolean matches(String tag) {
            return tag != null && COMPILED.get(pattern).matcher(tag).matches();
        }

        @Override
        public String kind() {
            return "glob";
        }

        @Override
        public String expression() {
            return pattern;
        }

        private static Pattern compile(String glob) {
            if (glob.isEmpty()) {
                throw new InvalidInputException("glob is empty");
            }
            if (glob.length() > MAX_LENGTH) {
                throw new InvalidInputException("glob '" + glob + "' is longer than " + MAX_LENGTH + " characters");
            }
            StringBuilder regex = new StringBuilder();
            for (char c : glob.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append("[\\w.-]*");
                    case '?' -> regex.append("[\\w.-]");
                    default -> {
                        if (!isTagCharacter(c)) {
                            throw new InvalidInputException("glob '" + glob + "' has '" + c
                                    + "': only tag characters (letters, digits, '_', '.', '-') and the wildcards * and ? are allowed");
                        }
                        regex.append(Pattern.quote(String.valueOf(c)));
                    }
                }
            }
            return Pattern.compile(regex.toString());
        }

        private static boolean isTagCharacter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
        }
    }

    /**
     * An npm-style semver range ({@code ^1.4}, {@code ~1.4.2}, {@code >=1.2.0 <2.0.0}, {@code 1.x}, {@code ||}).
     *
     * <p>Tags are read as versions, with an optional leading {@code v}; a tag that is not a version never matches, and a
     * pre-release only matches when the range names a pre-release of the same major.minor.patch, as in npm.
     */
    record SemverRange(String range) implements TagPolicy {

        public SemverRange {
            if (range == null) {
                throw new InvalidInputException("semver range is empty");
            }
            SemverRanges.compiled(range);
        }

        @Override
        public boolean matches(String tag) {
            return tag != null && SemverRanges.matches(range, tag);
        }

        @Override
        public String kind() {
            return "semver";
        }

        @Override
        public String expression() {
            return range;
        }
    }

    /** A Java regular expression that must match the whole tag. */
    record Regex(String pattern) implements TagPolicy {

        static final int MAX_LENGTH = 500;
        private static final CompiledExpressions<Pattern> COMPILED = new CompiledExpressions<>(Regex::compile);

        public Regex {
            if (pattern == null) {
                throw new InvalidInputException("regex is empty");
            }
            COMPILED.get(pattern);
        }

        @Override
        public boolean matches(String tag) {
            return tag != null && COMPILED.get(pattern).matcher(tag).matches();
        }

        @Override
        public String kind() {
            return "regex";
        }

        @Override
        public String expression() {
            return pattern;
        }

        private static Pattern compile(String regex) {
            if (regex.isEmpty()) {
                throw new InvalidInputException("regex is empty");
            }
            if (regex.length() > MAX_LENGTH) {
                throw new InvalidInputException("regex is longer than " + MAX_LENGTH + " characters");
            }
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException("regex '" + regex + "' does not compile: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
    }
}
