package com.cloudmusic.local;

import com.cloudmusic.json.Json;
import com.cloudmusic.testkit.OpenApiContract;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/** A browser-like caller of a running local runner, over real HTTP, with one User-Agent. */
public final class RunnerClient {

    public static final String GUIDED = "{\"mode\":\"guided\",\"params\":{\"type\":\"bass\",\"bpm\":124,\"duration\":2,\"seed\":7}}";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String userAgent;

    public RunnerClient(URI base, String userAgent) {
        this.base = base;
        this.userAgent = userAgent;
    }

    public HttpResponse<String> get(String path) {
        return get(path, Map.of());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET().header("User-Agent", userAgent);
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> postJson(String path, String body) {
        return postJson(path, body, Map.of());
    }

    public HttpResponse<String> postJson(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("User-Agent", userAgent)
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.build());
    }

    /** POSTs an HTML form as a browser does (urlencoded fields); redirects are not followed. */
    public HttpResponse<String> postForm(URI action, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(base.resolve(action))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("User-Agent", userAgent)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .build());
    }

    /** POST /v1/tracks and return the new track's id (asserting the 202). */
    public String requestTrack(String body) {
        HttpResponse<String> response = postJson("/v1/tracks", body);
        if (response.statusCode() != 202) {
            throw new AssertionError("POST /v1/tracks answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).at("/track/id").asText();
    }

    /** Polls GET /v1/tracks/{id} until the status is one of the given ones, or fails at the deadline. */
    public JsonNode awaitTrack(String id, Predicate<String> status, Duration timeout) {
        return await(() -> json(get("/v1/tracks/" + id)), track -> status.test(track.at("/status").asText()), timeout,
                "track " + id + " to reach the expected status");
    }

    public JsonNode quota() {
        return json(get("/v1/quota"));
    }

    public static byte[] download(URI url) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** A bounded wait: polls until the condition holds, failing with what was last seen at the deadline. */
    public static <T> T await(java.util.function.Supplier<T> probe, Predicate<T> done, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(25); // poll interval, not a timing assumption: the deadline bounds the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = probe.get();
        }
        return last;
    }

    /** Every API answer is checked against openapi.yaml (the runner's own /local/ pages are not the API). */
    private static HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String path = request.uri().getPath();
            if (!path.startsWith(LocalRunner.LOCAL_PREFIX)) {
                Map<String, String> headers = new java.util.HashMap<>();
                response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
                OpenApiContract.get().verify(request.method(), path, response.statusCode(), headers, response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
