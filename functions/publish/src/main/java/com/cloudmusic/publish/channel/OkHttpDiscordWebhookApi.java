package com.cloudmusic.publish.channel;

import com.cloudmusic.config.HttpUrl;
import com.cloudmusic.outbound.HttpStatusException;
import com.cloudmusic.outbound.RetryAfter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;

/** {@link DiscordWebhookApi} on okhttp; the webhook URL holds its token, so it is never logged or put into a message. */
public final class OkHttpDiscordWebhookApi implements DiscordWebhookApi {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final String executeUrl;

    public OkHttpDiscordWebhookApi(OkHttpClient http, String webhookUrl) {
        this.http = Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(webhookUrl, "webhookUrl == null");
        // Not echoing the value: it is a secret.
        URI url = HttpUrl.parse(webhookUrl).orElseThrow(() -> new IllegalArgumentException("webhookUrl is not an http(s) URL"));
        this.executeUrl = withWaitTrue(url);
    }

    // Keeps the webhook's own query (e.g. thread_id) and asks for the created message back.
    private static String withWaitTrue(URI url) {
        String query = url.getRawQuery() == null ? "" : Arrays.stream(url.getRawQuery().split("&"))
                .filter(p -> !p.isEmpty() && !p.equals("wait") && !p.startsWith("wait="))
                .collect(Collectors.joining("&"));
        String base = url.toString().replaceAll("[?#].*$", "");
        return base + "?" + (query.isEmpty() ? "" : query + "&") + "wait=true";
    }

    @Override
    public String execute(String payloadJson, List<Upload> files) throws IOException, HttpStatusException {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("payload_json", null, RequestBody.create(payloadJson, JSON));
        for (int i = 0; i < files.size(); i++) {
            ChannelHttp.file(form, "files[" + i + "]", files.get(i));
        }
        ChannelHttp.Answer response = ChannelHttp.post(http, executeUrl, form.build());
        JsonNode answer = ChannelJson.object(response.body());
        if (response.successful()) {
            JsonNode id = answer == null ? null : answer.get("id");
            if (id == null || !id.isValueNode() || id.asText().isEmpty()) {
                // The message may be up already: never retried, so it is never posted twice.
                throw HttpStatusException.unreadable(response.status(), "unreadable answer from Discord (HTTP "
                        + response.status() + ")");
            }
            return id.asText();
        }
        String message = answer != null && answer.path("message").isTextual()
                ? answer.path("message").asText() : "no message";
        String code = answer != null && answer.has("code") ? " (code " + answer.path("code").asText() + ")" : "";
        Duration wait = response.status() == 429 ? retryAfter(response.retryAfter(), answer) : null;
        throw HttpStatusException.of(response.status(), "Discord error " + response.status() + ": " + message + code, wait);
    }

    // The body's retry_after is a float in seconds and more precise than the header's whole seconds.
    private static Duration retryAfter(Optional<String> header, JsonNode answer) {
        JsonNode seconds = answer == null ? null : answer.get("retry_after");
        if (seconds != null && seconds.isNumber()) {
            Optional<Duration> said = RetryAfter.seconds(seconds.asDouble());
            if (said.isPresent()) {
                return said.get();
            }
        }
        return RetryAfter.header(header.orElse(null), Clock.systemUTC()).orElse(null);
    }
}
