package dev.berth.aws;

import java.util.function.Supplier;

/** A value computed on first use, once, thread-safely: clients a handler never touches cost nothing. */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    private Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    static <T> Lazy<T> of(Supplier<T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T result = value;
        if (result == null) {
            synchronized (this) {
                result = value;
                if (result == null) {
                    value = result = factory.get();
                }
            }
        }
        return result;
    }

    /** Whether the value was computed already (without computing it). */
    boolean isBuilt() {
        return value != null;
    }
}
