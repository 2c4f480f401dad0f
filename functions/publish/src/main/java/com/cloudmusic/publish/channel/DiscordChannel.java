package com.cloudmusic.publish.channel;

import com.cloudmusic.publish.daily.Channel;
import com.cloudmusic.publish.daily.DeliveryOutcome;
import com.cloudmusic.publish.daily.Post;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Posts the teaser to a Discord channel through an incoming webhook ({@code ?wait=true}, so the
 * answer carries the message id), with the MP3 and optional cover as attachments.
 */
public final class DiscordChannel implements Channel {

    /** Discord's default upload limit, applied to all attachments of one message together. */
    static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;

    private static final String OPERATION = "discord webhook execute";
    private static final String USERNAME = "CloudMusic";
    private static final String MPEG = "audio/mpeg";
    private static final String JPEG = "image/jpeg";
    private static final String JSON = "application/json; charset=utf-8";

    private final HttpClient http;
    private final URI executeUrl;
    private final Retrier retrier;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param webhookUrl full webhook URL (DISCORD_WEBHOOK_URL); it holds the webhook token, so it is
     *                   never logged or put into an outcome
     */
    public DiscordChannel(HttpClient http, String webhookUrl, RetryPolicy retryPolicy, Sleeper sleeper) {
        this.http = Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(webhookUrl, "webhookUrl == null");
        // Not echoing the value: it is a secret.
        URI url = ChannelHttp.httpUrl(webhookUrl)
                .orElseThrow(() -> new IllegalArgumentException("webhookUrl is not an http(s) URL"));
        this.executeUrl = withWaitTrue(url);
        this.retrier = new Retrier(retryPolicy, sleeper);
    }

    /** Production defaults: {@link RetryPolicy#DEFAULT} and a sleeping {@link Sleeper}. */
    public DiscordChannel(HttpClient http, String webhookUrl) {
        this(http, webhookUrl, RetryPolicy.DEFAULT, Sleeper.system());
    }

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public DeliveryOutcome post(Post post) {
        Objects.requireNonNull(post, "post == null");
        long size = post.teaserMp3().length + (post.hasCover() ? post.cover().length : 0L);
        if (size > MAX_UPLOAD_BYTES) {
            return DeliveryOutcome.failedPermanent("attachments are " + size + " bytes, over Discord's "
                    + MAX_UPLOAD_BYTES + " byte upload limit");
        }
        FormData form = form(post);
        return retrier.run(OPERATION, () -> send(form));
    }

    // Keeps the webhook's own query (e.g. thread_id) and asks for the created message back.
    private static URI withWaitTrue(URI url) {
        String query = url.getRawQuery() == null ? "" : Arrays.stream(url.getRawQuery().split("&"))
                .filter(p -> !p.isEmpty() && !p.equals("wait") && !p.startsWith("wait="))
                .collect(Collectors.joining("&"));
        String base = url.toString().replaceAll("[?#].*$", "");
        return URI.create(base + "?" + (query.isEmpty() ? "" : query + "&") + "wait=true");
    }

    private FormData form(Post post) {
        FormData form = new FormData()
                .typed("payload_json", JSON, payload(post))
                .file("files[0]", post.teaserFileName(), MPEG, post.teaserMp3());
        if (post.hasCover()) {
            form.file("files[1]", post.coverFileName(), JPEG, post.cover());
        }
        return form;
    }

    private String payload(Post post) {
        ObjectNode payload = json.createObjectNode()
                .put("content", Captions.discord(post))
                .put("username", USERNAME);
        // No pings, whatever the prompt says.
        payload.putObject("allowed_mentions").putArray("parse");
        ArrayNode attachments = payload.putArray("attachments");
        attachments.addObject().put("id", 0).put("filename", post.teaserFileName());
        if (post.hasCover()) {
            attachments.addObject().put("id", 1).put("filename", post.coverFileName());
        }
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write payload_json", e);
        }
    }

    private String send(FormData form) throws IOException, ChannelHttpException {
        ChannelHttp.Answer response = ChannelHttp.post(http, executeUrl, form);
        JsonNode answer = readJson(response.body());
        if (response.successful()) {
            JsonNode id = answer == null ? null : answer.get("id");
            if (id == null || !id.isValueNode() || id.asText().isEmpty()) {
                // The message may be up already; the retrier does not retry this, so it is never posted twice.
                throw new ChannelHttpException(response.status(), "unreadable answer from Discord (HTTP "
                        + response.status() + ")");
            }
            return id.asText();
        }
        String message = answer != null && answer.path("message").isTextual()
                ? answer.path("message").asText() : "no message";
        String code = answer != null && answer.has("code") ? " (code " + answer.path("code").asText() + ")" : "";
        Duration wait = response.status() == 429 ? retryAfter(response.retryAfter(), answer) : null;
        throw new ChannelHttpException(response.status(), "Discord error " + response.status() + ": " + message + code, wait);
    }

    // The body's retry_after is a float in seconds and more precise than the header's whole seconds.
    private static Duration retryAfter(Optional<String> retryAfterHeader, JsonNode answer) {
        JsonNode seconds = answer == null ? null : answer.get("retry_after");
        if (seconds != null && seconds.isNumber() && seconds.asDouble() >= 0) {
            return Duration.ofMillis((long) Math.ceil(seconds.asDouble() * 1000));
        }
        String header = retryAfterHeader.orElse(null);
        if (header != null) {
            try {
                double value = Double.parseDouble(header.trim());
                if (value >= 0) {
                    return Duration.ofMillis((long) Math.ceil(value * 1000));
                }
            } catch (NumberFormatException ignored) {
                // An HTTP date or garbage: fall back to our own backoff.
            }
        }
        return null;
    }

    private JsonNode readJson(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
