package com.cloudmusic.engine.replicate;

import com.cloudmusic.json.Json;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.outbound.HttpStatusException;
import com.cloudmusic.outbound.OutboundHttp;
import com.cloudmusic.outbound.RetryAfter;
import com.cloudmusic.outbound.Retrier;
import com.cloudmusic.outbound.RetryPolicy;
import com.cloudmusic.outbound.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@link ReplicatePredictions} on okhttp: the URLs, the token (in the Authorization header to the API
 * host only, never logged or put into a message) and the mapping of every failure to an engine code.
 * Retries follow {@link RetryPolicy#REPLICATE} through the one {@link Retrier}; JSON is read by
 * {@link PredictionJson}, outputs checked by {@link ModelOutputs}.
 */
public final class ReplicateClient implements ReplicatePredictions {

    /** Server errors and network failures: attempts per call, with doubling backoff from one second. */
    static final int MAX_ATTEMPTS = RetryPolicy.REPLICATE.maxFailures();
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ERROR_BODY = 4096;
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final URI baseUrl;
    private final String token;
    private final long maxOutputBytes;
    private final Retrier retrier;
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
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.retrier = new Retrier(RetryPolicy.REPLICATE, sleeper, clock);
        this.http = OutboundHttp.client(REQUEST_TIMEOUT, true);
    }

    @Override
    public Prediction create(ModelRef model, Map<String, Object> input, Duration wait, Instant deadline)
            throws EngineException {
        Map<String, Object> body = new LinkedHashMap<>();
        String path;
        if (model.pinned()) {
            path = "/v1/predictions";
            body.put("version", model.version());
        } else {
            path = "/v1/models/" + segment(model.owner()) + "/" + segment(model.name()) + "/predictions";
        }
        body.put("input", input);
        long waitSeconds = Math.max(1, Math.min(60, Math.min(wait.toSeconds(), remaining(deadline).toSeconds())));
        Request request = authorised(path)
                .header("Prefer", "wait=" + waitSeconds)
                .post(RequestBody.create(Json.write(body), JSON))
                .build();
        // A pooled connection may have gone stale while the function was frozen, and a create is not
        // repeated on a broken connection: it goes out on a connection of its own.
        ConnectionPool own = new ConnectionPool();
        OkHttpClient once = OutboundHttp.withCallTimeout(http, Duration.ofSeconds(waitSeconds + 20)).newBuilder()
                .connectionPool(own).build();
        try {
            return PredictionJson.parse(call(once, request, Retrier.Repeat.ONLY_IF_NOT_SENT, deadline,
                    "create the prediction"));
        } finally {
            own.evictAll();
        }
    }

    @Override
    public Prediction get(String id, Instant deadline) throws EngineException {
        Request request = authorised("/v1/predictions/" + segment(id)).get().build();
        return PredictionJson.parse(call(http, request, Retrier.Repeat.SAFE, deadline, "read the prediction"));
    }

    @Override
    public boolean cancel(String id) {
        Request request = authorised("/v1/predictions/" + segment(id) + "/cancel")
                .post(RequestBody.create(new byte[0], null)).build();
        try {
            call(http, request, Retrier.Repeat.SAFE, clock.instant().plusSeconds(15), "cancel the prediction");
            return true;
        } catch (EngineException e) {
            return false;
        }
    }

    @Override
    public byte[] download(String output, Instant deadline) throws EngineException {
        Objects.requireNonNull(output, "output == null");
        Optional<URI> url = ModelOutputs.downloadUrl(output, baseUrl);
        if (url.isEmpty()) {
            return ModelOutputs.decodeDataUri(output, maxOutputBytes);
        }
        Request request = new Request.Builder().url(url.get().toString()).get().build();
        return send(http, request, Retrier.Repeat.SAFE, deadline, "download the output", false, maxOutputBytes);
    }

    private String call(OkHttpClient client, Request request, Retrier.Repeat repeat, Instant deadline, String what)
            throws EngineException {
        long cap = maxOutputBytes / 3 * 4 + 1024 * 1024;
        return new String(send(client, request, repeat, deadline, what, true, cap), StandardCharsets.UTF_8);
    }

    /**
     * One call under the retry policy; returns the body of a 2xx answer, at most {@code maxBytes}.
     * {@code api} says whether error bodies are Replicate's JSON (and a 404 means an unknown prediction).
     */
    private byte[] send(OkHttpClient client, Request request, Retrier.Repeat repeat, Instant deadline, String what,
            boolean api, long maxBytes) throws EngineException {
        try {
            return retrier.call(repeat, deadline, () -> {
                try (Response response = client.newCall(request).execute()) {
                    if (response.isSuccessful()) {
                        return OutboundHttp.readAtMost(response.body(), maxBytes);
                    }
                    String text = OutboundHttp.prefix(response.body(), MAX_ERROR_BODY);
                    int status = response.code();
                    Duration wait = status != 429 ? null : RetryAfter.longer(
                            RetryAfter.header(response.header("Retry-After"), clock), RetryAfter.inText(text)).orElse(null);
                    String detail = api ? PredictionJson.detail(text).map(d -> ": " + d).orElse("") : "";
                    throw HttpStatusException.of(status, "HTTP " + status + detail, wait);
                }
            });
        } catch (HttpStatusException e) {
            throw refused(e.status(), e.getMessage(), api);
        } catch (Retrier.GaveUp e) {
            if (e.throttled()) {
                throw new EngineException("engine_throttled", "Replicate is throttling our requests.",
                        false, e);
            }
            throw new EngineException("engine_unavailable", "Replicate is unavailable (" + what + ").",
                    false, e);
        } catch (OutboundHttp.TooLarge e) {
            throw ModelOutputs.tooLarge(e.maxBytes());
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("engine_interrupted", "Waiting for Replicate was interrupted.", false, e);
        } catch (IOException e) {
            throw new EngineException("engine_unavailable", "Replicate did not answer (" + what + ").", false, e);
        }
    }

    private static EngineException refused(int status, String message, boolean api) {
        if (status == 401 || status == 403) {
            return new EngineException("engine_unauthorized", "Replicate refused our credentials (HTTP " + status + ").", true);
        }
        if (status == 404 || status == 410) {
            return new EngineException(api ? "prediction_not_found" : "output_expired",
                    api ? "Replicate does not know this prediction (HTTP " + status + ")."
                            : "The model's output is no longer available (HTTP " + status + ").", true);
        }
        String detail = message.substring(("HTTP " + status).length()); // ": <Replicate's detail>" or nothing
        return new EngineException("engine_rejected", "Replicate refused the request (HTTP " + status + ")" + detail + ".",
                true);
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private Request.Builder authorised(String path) {
        return new Request.Builder().url(baseUrl + path)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
