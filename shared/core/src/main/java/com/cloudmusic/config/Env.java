package com.cloudmusic.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Typed access to environment variables, failing fast with the variable's name. */
public final class Env {
    private final Map<String, String> values;
    private final Set<String> namesRead = ConcurrentHashMap.newKeySet();

    public Env(Map<String, String> values) {
        this.values = Map.copyOf(Objects.requireNonNull(values, "values == null"));
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(
                "missing required environment variable " + name));
    }

    public Optional<String> optional(String name) {
        namesRead.add(name);
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String optional(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    /** Every variable name looked up so far: lets a test check the template sets all of them. */
    public Set<String> namesRead() {
        return Set.copyOf(namesRead);
    }

    /** An http(s) URL (see {@link HttpUrl}), failing with the variable's name and value. Not for secret URLs. */
    public java.net.URI httpUrl(String name, String fallback) {
        String raw = optional(name, fallback);
        return HttpUrl.parse(raw).orElseThrow(() -> new ConfigException(
                name + " must be an http(s) URL (got '" + raw + "')"));
    }

    public int integer(String name, int fallback, int min, int max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + " (got " + value + ")");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number (got '" + raw.get() + "')");
        }
    }

    public double decimal(String name, double fallback, double min, double max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(raw.get());
            if (!(value >= min && value <= max)) {
                throw new ConfigException(name + " must be between " + min + " and " + max + " (got " + raw.get() + ")");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a number (got '" + raw.get() + "')");
        }
    }

    /** One of a fixed set of words (case-insensitive), returned in lower case. */
    public String oneOf(String name, String fallback, java.util.List<String> allowed) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        String value = raw.get().toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new ConfigException(name + " must be one of " + String.join(", ", allowed) + " (got '" + raw.get() + "')");
        }
        return value;
    }
}
