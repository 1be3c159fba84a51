package dev.berth.domain.target;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded memo from expression text to its compiled form.
 *
 * <p>Tag policies are records, which cannot hold a compiled pattern beside their text; this keeps each expression
 * compiled once per Lambda instance instead of once per match, and bounds memory if many policies pass through.
 */
final class CompiledExpressions<V> {

    private static final int CAPACITY = 512;

    private final Map<String, V> compiled = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > CAPACITY;
        }
    };
    private final Function<String, V> compiler;

    CompiledExpressions(Function<String, V> compiler) {
        this.compiler = compiler;
    }

    /** The compiled form of the expression; the compiler's exceptions pass through and nothing is stored then. */
    synchronized V get(String expression) {
        V known = compiled.get(expression);
        if (known != null) {
            return known;
        }
        V fresh = compiler.apply(expression);
        compiled.put(expression, fresh);
        return fresh;
    }
}
