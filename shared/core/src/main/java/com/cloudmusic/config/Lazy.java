package com.cloudmusic.config;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A dependency built on first use, once, then shared by every thread. Wiring uses it for what only some
 * routes need (the S3 presigner, the Stripe client), so a cold start builds only what its first event
 * uses.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<? extends T> factory;
    private volatile T value;

    private Lazy(Supplier<? extends T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory == null");
    }

    public static <T> Lazy<T> of(Supplier<? extends T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T built = value;
        if (built == null) {
            synchronized (this) {
                built = value;
                if (built == null) {
                    built = Objects.requireNonNull(factory.get(), "factory returned null");
                    value = built;
                }
            }
        }
        return built;
    }

    /** Whether {@link #get()} has built the value yet. */
    public boolean isBuilt() {
        return value != null;
    }
}
