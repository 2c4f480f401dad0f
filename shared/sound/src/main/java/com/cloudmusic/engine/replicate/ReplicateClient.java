package com.cloudmusic.engine.replicate;

import com.cloudmusic.json.Json;
import com.cloudmusic.loop.EngineException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replicate's HTTP API, the parts a music job needs: create a prediction, read it, cancel it, and fetch
 * its output. Throttling (429) waits as long as Replicate says; server errors and network failures are
 * retried a bounded number of times with backoff; nothing waits past the caller's deadline. Every
 * failure surfaces as an {@link EngineException} whose code says what happened. The token goes in the
 * Authorization header to the API host only, and is never logged or put into a message.
 *
 * <p>Built on the JDK's {@link HttpClient}: okhttp and the Kotlin runtime it needs would add 2.8 MB to
 * the generate function's jar, beyond its 15 MB budget (see the README's performance section).
 */
public final class ReplicateClient {

    /** Server errors and network failures: attempts per call, with doubling backoff from one second. */
    static final int MAX_ATTEMPTS = 4;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** Throttled answers honoured per call before giving up on this attempt. */
    static final int MAX_THROTTLES = 6;
    /** When a 429 says nothing about when to come back. */
    static final Duration DEFAULT_THROTTLE_WAIT = Duration.ofSeconds(2);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern EXPECTED_IN =
            Pattern.compile("(?:available in|resets in)\\s*~?\\s*(\\d+(?:\\.\\d+)?)\\s*s", Pattern.CASE_INSENSITIVE);
    private static final int MAX_ERROR_TEXT = 300;
    private static final int MAX_ERROR_BODY = 4096;
    /** Our own reader: sync-mode answers carry whole files as data URIs, far beyond Jackson's default string limit. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build()).build();

    private final HttpClient http;
    private final Supplier<HttpClient> freshClient;
    private final URI baseUrl;
    private final String token;
    private final long maxOutputBytes;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * @param baseUrl        the API's base, e.g. https://api.replicate.com (tests: a MockWebServer)
     * @param maxOutputBytes largest output file accepted; API answers may be a third larger (base64) plus a margin
     */
    public ReplicateClient(URI baseUrl, String token, long maxOutputBytes, Sleeper sleeper, Clock clock) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl == null").toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = Objects.requireNonNull(token, "token == null");
        this.maxOutputBytes = maxOutputBytes;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.freshClient = ReplicateClient::newHttpClient;
        this.http = newHttpClient();
    }

    private static HttpClient newHttpClient() {
        // HTTP/1.1: one request per connection at a time, so a broken connection breaks one request only.
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Creates a prediction, holding the request open up to {@code wait} for the result (sync mode). A
     * pinned model goes through {@code POST /v1/predictions} with its version id; an official model at
     * its current version through {@code POST /v1/models/{owner}/{name}/predictions}. Only failures that
     * certainly created nothing are retried (429, 5xx answers, refused connections): a lost answer to a
     * create that did go through would otherwise start, and bill, a second prediction.
     */
    public Prediction create(ModelRef model, Map<String, Object> input, Duration wait, Instant deadline)
            throws EngineException {
        Map<String, Object> body = new LinkedHashMap<>();
        URI url;
        if (model.pinned()) {
            url = api("/v1/predictions");
            body.put("version", model.version());
        } else {
            url = api("/v1/models/" + segment(model.owner()) + "/" + segment(model.name()) + "/predictions");
        }
        body.put("input", input);
        long waitSeconds = Math.max(1, Math.min(60, Math.min(wait.toSeconds(), remaining(deadline).toSeconds())));
        HttpRequest request = authorised(url, Duration.ofSeconds(waitSeconds + 20))
                .header("Prefer", "wait=" + waitSeconds)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        // A pooled connection may have gone stale while the function was frozen, and a create is not
        // retried on a broken connection: it goes out on a connection of its own.
        HttpClient once = freshClient.get();
        try {
            return parsePrediction(call(once, request, deadline, false, "create the prediction"));
        } finally {
            closeIfPossible(once);
        }
    }

    /** Reads a prediction's current state. */
    public Prediction get(String id, Instant deadline) throws EngineException {
        HttpRequest request = authorised(api("/v1/predictions/" + segment(id)), REQUEST_TIMEOUT).GET().build();
        return parsePrediction(call(http, request, deadline, true, "read the prediction"));
    }

    /**
     * Asks Replicate to stop a prediction we gave up on, so it is not billed further. Best effort: a
     * prediction that already finished cannot be canceled, and a failure here changes nothing for the job.
     */
    public boolean cancel(String id) {
        HttpRequest request = authorised(api("/v1/predictions/" + segment(id) + "/cancel"), REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            call(http, request, clock.instant().plusSeconds(15), true, "cancel the prediction");
            return true;
        } catch (EngineException e) {
            return false;
        }
    }

    /**
     * Fetches one output: a {@code data:} URI is decoded in place; a URL is downloaded (without our
     * token: output files live on another host). Anything larger than the cap is refused.
     */
    public byte[] download(String output, Instant deadline) throws EngineException {
        Objects.requireNonNull(output, "output == null");
        if (output.startsWith("data:")) {
            return decodeDataUri(output, maxOutputBytes);
        }
        URI url;
        try {
            url = URI.create(output);
        } catch (IllegalArgumentException e) {
            url = null;
        }
        boolean https = url != null && "https".equalsIgnoreCase(url.getScheme()) && url.getHost() != null;
        // Plain http only from a local stand-in (tests, a local peer) that itself speaks plain http.
        boolean localPeer = url != null && "http".equalsIgnoreCase(url.getScheme())
                && "http".equalsIgnoreCase(baseUrl.getScheme()) && Objects.equals(url.getHost(), baseUrl.getHost());
        if (!https && !localPeer) {
            throw new EngineException("output_unreadable", "The model's output is not an https URL or a data URI.", true);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<InputStream> response = send(http, request, deadline, true, "download the output", false);
        try (InputStream in = response.body()) {
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxOutputBytes) {
                throw tooLarge(maxOutputBytes);
            }
            return readCapped(in, maxOutputBytes);
        } catch (IOException e) {
            throw new EngineException("engine_unavailable", "The model's output could not be downloaded.", false, e);
        }
    }

    private static byte[] readCapped(InputStream in, long maxBytes) throws IOException, EngineException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > maxBytes) {
                throw tooLarge(maxBytes);
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    static byte[] decodeDataUri(String uri, long maxBytes) throws EngineException {
        int comma = uri.indexOf(',');
        if (comma < 0) {
            throw new EngineException("output_unreadable", "The model's output is a malformed data URI.", true);
        }
        String header = uri.substring(5, comma).toLowerCase(Locale.ROOT);
        String payload = uri.substring(comma + 1);
        if (!header.endsWith(";base64")) {
            throw new EngineException("output_unreadable", "The model's output is a data URI that is not base64.", true);
        }
        if (payload.length() / 4L * 3 > maxBytes + 3) {
            throw tooLarge(maxBytes);
        }
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(payload);
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new EngineException("output_unreadable", "The model's output is a data URI with bad base64.", true, e);
        }
    }

    private static EngineException tooLarge(long maxBytes) {
        return new EngineException("output_too_large",
                "The model's output is larger than " + (maxBytes / (1024 * 1024)) + " MB and was refused.", true);
    }

    private URI api(String path) {
        return URI.create(baseUrl + path);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder authorised(URI url, Duration timeout) {
        return HttpRequest.newBuilder(url).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private String call(HttpClient client, HttpRequest request, Instant deadline, boolean idempotent, String what)
            throws EngineException {
        HttpResponse<InputStream> response = send(client, request, deadline, idempotent, what, true);
        try (InputStream in = response.body()) {
            long cap = maxOutputBytes / 3 * 4 + 1024 * 1024;
            return new String(readCapped(in, cap), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException("engine_unavailable", "Replicate's answer could not be read (" + what + ").",
                    false, e);
        }
    }

    /**
     * Sends with the retry rules; returns a 2xx response (caller reads and closes its body) or throws.
     * {@code api} says whether error bodies are Replicate's JSON (and a 404 means an unknown prediction).
     */
    private HttpResponse<InputStream> send(HttpClient client, HttpRequest request, Instant deadline,
            boolean idempotent, String what, boolean api) throws EngineException {
        int failures = 0;
        int throttles = 0;
        while (true) {
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                        || e instanceof UnknownHostException;
                if (!idempotent && !neverSent) {
                    throw new EngineException("engine_unavailable", "Replicate did not answer (" + what + ").", false, e);
                }
                failures++;
                backoff(failures, deadline, what, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("engine_interrupted", "Waiting for Replicate was interrupted.", false, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            String text = errorText(response);
            if (status == 429) {
                throttles++;
                Duration wait = throttleWait(response.headers().firstValue("Retry-After").orElse(null), text);
                if (throttles > MAX_THROTTLES || wait.compareTo(remaining(deadline)) > 0) {
                    throw new EngineException("engine_throttled",
                            "Replicate is throttling our requests; the job will be retried.", false);
                }
                pause(wait);
                continue;
            }
            if (status >= 500) {
                failures++;
                backoff(failures, deadline, what, null);
                continue;
            }
            if (status == 401 || status == 403) {
                throw new EngineException("engine_unauthorized",
                        "Replicate refused our credentials (HTTP " + status + ").", true);
            }
            if (status == 404 || status == 410) {
                throw new EngineException(api ? "prediction_not_found" : "output_expired",
                        api ? "Replicate does not know this prediction (HTTP " + status + ")."
                                : "The model's output is no longer available (HTTP " + status + ").", true);
            }
            throw new EngineException("engine_rejected", "Replicate refused the request (HTTP " + status + ")"
                    + (api ? detail(text).map(d -> ": " + d).orElse("") : "") + ".", true);
        }
    }

    private void backoff(int failures, Instant deadline, String what, IOException cause) throws EngineException {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(10, failures - 1));
        if (failures >= MAX_ATTEMPTS || wait.compareTo(remaining(deadline)) > 0) {
            throw new EngineException("engine_unavailable",
                    "Replicate is unavailable (" + what + "); the job will be retried.", false, cause);
        }
        pause(wait);
    }

    private void pause(Duration wait) throws EngineException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("engine_interrupted", "Waiting for Replicate was interrupted.", false, e);
        }
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Retry-After (seconds) or the body's "Expected available in N seconds" / "resets in ~Ns", whichever is longer. */
    static Duration throttleWait(String retryAfter, String body) {
        Duration wait = Duration.ZERO;
        boolean told = false;
        if (retryAfter != null) {
            try {
                wait = Duration.ofMillis(Math.round(Double.parseDouble(retryAfter.trim()) * 1000));
                told = true;
            } catch (NumberFormatException ignored) {
                // an HTTP date: fall back to the body or the default
            }
        }
        Matcher m = EXPECTED_IN.matcher(body == null ? "" : body);
        if (m.find()) {
            Duration said = Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * 1000));
            wait = said.compareTo(wait) > 0 ? said : wait;
            told = true;
        }
        return told ? wait : DEFAULT_THROTTLE_WAIT;
    }

    /** The first few KB of an error answer (they are small; never read more of one), and the body closed. */
    private static String errorText(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Optional<String> detail(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            JsonNode detail = node == null ? null : node.get("detail");
            return detail == null || !detail.isTextual() ? Optional.empty() : Optional.of(trim(detail.asText()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static Prediction parsePrediction(String text) throws EngineException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed("its answer is not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw malformed("its answer is not a JSON object", null);
        }
        JsonNode id = node.get("id");
        JsonNode status = node.get("status");
        if (id == null || !id.isTextual() || id.asText().isBlank() || status == null || !status.isTextual()) {
            throw malformed("the prediction has no id or status", null);
        }
        List<String> outputs = new ArrayList<>();
        JsonNode output = node.get("output");
        if (output != null && output.isTextual()) {
            outputs.add(output.asText());
        } else if (output != null && output.isArray()) {
            for (JsonNode item : output) {
                if (item.isTextual()) {
                    outputs.add(item.asText());
                }
            }
        } else if (output != null && output.isObject()) {
            // Some models name their files: take every string value in order.
            output.fields().forEachRemaining(field -> {
                if (field.getValue().isTextual()) {
                    outputs.add(field.getValue().asText());
                }
            });
        }
        JsonNode error = node.get("error");
        String errorText = error == null || error.isNull() ? null : trim(error.isTextual() ? error.asText() : error.toString());
        return new Prediction(id.asText(), status.asText().toLowerCase(Locale.ROOT), outputs, errorText);
    }

    private static EngineException malformed(String why, Exception cause) {
        return new EngineException("engine_bad_response", "Replicate's answer could not be understood: " + why + ".",
                false, cause);
    }

    private static String trim(String text) {
        String single = text.replaceAll("\\s+", " ").trim();
        return single.length() <= MAX_ERROR_TEXT ? single : single.substring(0, MAX_ERROR_TEXT) + "…";
    }

    /** On Java 21 (the Lambda runtime) HttpClient is AutoCloseable: release the one-off client's threads now. */
    private static void closeIfPossible(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // nothing left to release
            }
        }
    }
}
