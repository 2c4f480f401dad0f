package com.cloudmusic.log;

import com.cloudmusic.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One JSON object per line, the shape CloudWatch Logs Insights queries. Callers pass only safe fields:
 * fingerprints and ids, never IPs, User-Agents, wallet keys or secrets.
 */
public final class JsonLog {
    private final Consumer<String> sink;

    public JsonLog(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink == null");
    }

    public static JsonLog stdout() {
        return new JsonLog(System.out::println);
    }

    public void write(String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("message", message);
        fields.forEach((k, v) -> {
            if (v != null) {
                line.put(k, v);
            }
        });
        sink.accept(Json.write(line));
    }
}
