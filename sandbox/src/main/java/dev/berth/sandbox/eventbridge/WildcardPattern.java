package dev.berth.sandbox.eventbridge;

import java.util.regex.Pattern;

/**
 * The text of a {@code wildcard} matcher: {@code *} stands for any run of characters, {@code \*} for
 * an asterisk and {@code \\} for a backslash. As in EventBridge, two asterisks in a row and a
 * backslash before anything else are errors.
 */
record WildcardPattern(String text, Pattern regex) {

    static WildcardPattern parse(String text, String where) {
        var regex = new StringBuilder();
        var literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (next != '*' && next != '\\') {
                    throw new IllegalArgumentException(where + ": in a wildcard, a backslash may only escape '*' or '\\': "
                            + quoted(text));
                }
                literal.append(next);
                i++;
            } else if (c == '*') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '*') {
                    throw new IllegalArgumentException(where + ": a wildcard may not have two '*' in a row: " + quoted(text));
                }
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return new WildcardPattern(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String value) {
        return regex.matcher(value).matches();
    }

    private static String quoted(String text) {
        return '"' + text + '"';
    }
}
