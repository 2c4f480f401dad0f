package com.cloudmusic.publish.channel;

import com.cloudmusic.publish.Channel;
import com.cloudmusic.publish.DeliveryOutcome;
import com.cloudmusic.publish.Post;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Posts the teaser to a Discord channel through an incoming webhook ({@code ?wait=true}, so the
 * answer carries the message id), with the MP3 and optional cover as attachments.
 */
public final class DiscordChannel implements Channel {

    /** Discord's default upload limit, applied to all attachments of one message together. */
    static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;

    private static final String OPERATION = "discord webhook execute";
    private static final String USERNAME = "CloudMusic";
    private static final MediaType MPEG = MediaType.get("audio/mpeg");
    private static final MediaType JPEG = MediaType.get("image/jpeg");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OkHttpClient http;
    private final HttpUrl executeUrl;
    private final Retrier retrier;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param webhookUrl full webhook URL (DISCORD_WEBHOOK_URL); it holds the webhook token, so it is
     *                   never logged or put into an outcome
     */
    public DiscordChannel(OkHttpClient http, String webhookUrl, RetryPolicy retryPolicy, Sleeper sleeper) {
        this.http = Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(webhookUrl, "webhookUrl == null");
        HttpUrl url = HttpUrl.parse(webhookUrl);
        if (url == null) {
            // Not echoing the value: it is a secret.
            throw new IllegalArgumentException("webhookUrl is not an http(s) URL");
        }
        this.executeUrl = url.newBuilder().setQueryParameter("wait", "true").build();
        this.retrier = new Retrier(retryPolicy, sleeper);
    }

    /** Production defaults: {@link RetryPolicy#DEFAULT} and a sleeping {@link Sleeper}. */
    public DiscordChannel(OkHttpClient http, String webhookUrl) {
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
        Request request = new Request.Builder().url(executeUrl).post(form(post)).build();
        return retrier.run(OPERATION, () -> send(request));
    }

    private RequestBody form(Post post) {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("payload_json", null, RequestBody.create(payload(post), JSON))
                .addFormDataPart("files[0]", post.teaserFileName(), RequestBody.create(post.teaserMp3(), MPEG));
        if (post.hasCover()) {
            form.addFormDataPart("files[1]", post.coverFileName(), RequestBody.create(post.cover(), JPEG));
        }
        return form.build();
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

    private String send(Request request) throws IOException, ChannelHttpException {
        try (Response response = http.newCall(request).execute()) {
            JsonNode answer = readJson(response.peekBody(MAX_ERROR_BODY).string());
            if (response.isSuccessful()) {
                JsonNode id = answer == null ? null : answer.get("id");
                if (id == null || !id.isValueNode() || id.asText().isEmpty()) {
                    // The message may be up already; the retrier does not retry this, so it is never posted twice.
                    throw new ChannelHttpException(response.code(), "unreadable answer from Discord (HTTP "
                            + response.code() + ")");
                }
                return id.asText();
            }
            String message = answer != null && answer.path("message").isTextual()
                    ? answer.path("message").asText() : "no message";
            String code = answer != null && answer.has("code") ? " (code " + answer.path("code").asText() + ")" : "";
            Duration wait = response.code() == 429 ? retryAfter(response, answer) : null;
            throw new ChannelHttpException(response.code(), "Discord error " + response.code() + ": " + message + code, wait);
        }
    }

    // The body's retry_after is a float in seconds and more precise than the header's whole seconds.
    private static Duration retryAfter(Response response, JsonNode answer) {
        JsonNode seconds = answer == null ? null : answer.get("retry_after");
        if (seconds != null && seconds.isNumber() && seconds.asDouble() >= 0) {
            return Duration.ofMillis((long) Math.ceil(seconds.asDouble() * 1000));
        }
        String header = response.header("Retry-After");
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
