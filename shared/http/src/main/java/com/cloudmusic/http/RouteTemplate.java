package com.cloudmusic.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An API Gateway route key such as {@code GET /v1/tracks/{id}/audio} or {@code GET /{asset+}}, and the
 * matching of a concrete method and path against it (path parameters extracted, greedy last segment).
 */
public record RouteTemplate(String method, String path) {

    public RouteTemplate {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(path, "path == null");
    }

    public static RouteTemplate parse(String routeKey) {
        int space = routeKey.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("route key needs 'METHOD /path': " + routeKey);
        }
        return new RouteTemplate(routeKey.substring(0, space).trim(), routeKey.substring(space + 1).trim());
    }

    public String routeKey() {
        return method + " " + path;
    }

    /** Path parameters when method and path match, empty otherwise. */
    public Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equals("ANY") && !method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        String[] want = segments(path);
        String[] got = segments(requestPath);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            String segment = want[i];
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i >= got.length) {
                    return Optional.empty();
                }
                params.put(segment.substring(1, segment.length() - 2), String.join("/",
                        java.util.Arrays.copyOfRange(got, i, got.length)));
                return Optional.of(params);
            }
            if (i >= got.length) {
                return Optional.empty();
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (got[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(segment.substring(1, segment.length() - 1), got[i]);
            } else if (!segment.equals(got[i])) {
                return Optional.empty();
            }
        }
        return want.length == got.length ? Optional.of(params) : Optional.empty();
    }

    /** Literal segments count more than parameters, so /v1/quota wins over /{asset+}. */
    public int specificity() {
        int score = 0;
        for (String segment : segments(path)) {
            score += segment.endsWith("+}") ? 0 : segment.startsWith("{") ? 1 : 3;
        }
        return score;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
