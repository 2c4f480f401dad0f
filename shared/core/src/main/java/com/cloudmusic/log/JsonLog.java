package com.cloudmusic.log;

import com.cloudmusic.json.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one logger: one JSON object per line with {@code level}, {@code timestamp}, {@code message} (a
 * snake_case event name), {@code functionName}, {@code AWSRequestId} and {@code correlationId} (the job,
 * Stripe event or publish run the line is about) from the current {@link Invocation}, then the caller's
 * fields. Lines below the level set by {@code POWERTOOLS_LOG_LEVEL} or {@code LOG_LEVEL} (INFO by
 * default) are dropped. Callers pass only safe fields: fingerprints and ids, never IPs, User-Agents,
 * wallet keys or secrets.
 */
public final class JsonLog {

    /** Severity, in Powertools' and Lambda's names. */
    public enum Level {
        DEBUG, INFO, WARN, ERROR;

        /** The level named by POWERTOOLS_LOG_LEVEL, else LOG_LEVEL, else INFO; WARNING reads as WARN. */
        public static Level fromEnvironment(Map<String, String> env) {
            for (String name : new String[] {"POWERTOOLS_LOG_LEVEL", "LOG_LEVEL"}) {
                String value = env.get(name);
                if (value != null && !value.isBlank()) {
                    String upper = value.trim().toUpperCase(Locale.ROOT);
                    return switch (upper) {
                        case "TRACE", "DEBUG" -> DEBUG;
                        case "INFO" -> INFO;
                        case "WARN", "WARNING" -> WARN;
                        case "ERROR", "FATAL" -> ERROR;
                        default -> throw new IllegalArgumentException(
                                name + " must be DEBUG, INFO, WARN or ERROR (got '" + value + "')");
                    };
                }
            }
            return INFO;
        }
    }

    // Looks System.out up at each line: the local runner swaps it for a readable printer.
    private static final JsonLog STDOUT = new JsonLog(line -> System.out.println(line),
            Level.fromEnvironment(System.getenv()), Clock.systemUTC());

    private final Consumer<String> sink;
    private final Level threshold;
    private final Clock clock;

    /** A logger at INFO on the system clock (tests capture lines with it). */
    public JsonLog(Consumer<String> sink) {
        this(sink, Level.INFO, Clock.systemUTC());
    }

    public JsonLog(Consumer<String> sink, Level threshold, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink == null");
        this.threshold = Objects.requireNonNull(threshold, "threshold == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** Standard output, as Lambda collects it, at the environment's level. */
    public static JsonLog stdout() {
        return STDOUT;
    }

    public boolean enabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public void debug(String message, Map<String, ?> fields) {
        log(Level.DEBUG, message, fields);
    }

    public void info(String message, Map<String, ?> fields) {
        log(Level.INFO, message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        log(Level.WARN, message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        log(Level.ERROR, message, fields);
    }

    public void log(Level level, String message, Map<String, ?> fields) {
        if (!enabled(level)) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level.name());
        line.put("timestamp", clock.instant().toString());
        line.put("message", Objects.requireNonNull(message, "message == null"));
        Invocation.current().addTo(line);
        fields.forEach((k, v) -> {
            if (v != null) {
                line.put(k, v);
            }
        });
        sink.accept(Json.write(line));
    }

    /**
     * Writes a document that is not a log event (an Embedded Metric Format object) on the same stream,
     * with the invocation's fields added, whatever the level: metrics are never filtered out.
     */
    public void document(Map<String, Object> document) {
        Map<String, Object> line = new LinkedHashMap<>(document);
        Invocation.current().addTo(line);
        sink.accept(Json.write(line));
    }

    public Clock clock() {
        return clock;
    }
}
