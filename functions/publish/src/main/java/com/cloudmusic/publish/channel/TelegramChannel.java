package com.cloudmusic.publish.channel;

import com.cloudmusic.publish.Channel;
import com.cloudmusic.publish.DeliveryOutcome;
import com.cloudmusic.publish.Post;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
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
 * Posts the teaser to a Telegram chat with the Bot API's {@code sendAudio}, as an upload with
 * title, performer, duration, cover thumbnail and an HTML caption.
 */
public final class TelegramChannel implements Channel {

    /** The public Bot API; TELEGRAM_BASE_URL overrides it for tests, staging and local peers. */
    public static final String DEFAULT_BASE_URL = "https://api.telegram.org";

    /** Bots may upload at most 50 MB. */
    static final long MAX_AUDIO_BYTES = 50L * 1000 * 1000;
    /** Telegram wants thumbnails under 200 kB; a larger one is left out rather than risk the post. */
    static final long MAX_THUMBNAIL_BYTES = 200L * 1000;

    private static final String OPERATION = "telegram sendAudio";
    private static final MediaType MPEG = MediaType.get("audio/mpeg");
    private static final MediaType JPEG = MediaType.get("image/jpeg");
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final Logger LOG = System.getLogger(TelegramChannel.class.getName());

    private final OkHttpClient http;
    private final HttpUrl sendAudioUrl;
    private final String chatId;
    private final Retrier retrier;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param baseUrl  Bot API root, e.g. {@link #DEFAULT_BASE_URL}
     * @param botToken secret; ends up in the request path only, never in logs or outcomes
     */
    public TelegramChannel(OkHttpClient http, String baseUrl, String botToken, String chatId,
                           RetryPolicy retryPolicy, Sleeper sleeper) {
        this.http = Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(baseUrl, "baseUrl == null");
        Objects.requireNonNull(botToken, "botToken == null");
        this.chatId = Objects.requireNonNull(chatId, "chatId == null");
        if (botToken.isBlank()) {
            throw new IllegalArgumentException("botToken is blank");
        }
        if (chatId.isBlank()) {
            throw new IllegalArgumentException("chatId is blank");
        }
        HttpUrl base = HttpUrl.parse(baseUrl);
        if (base == null) {
            throw new IllegalArgumentException("baseUrl is not an http(s) URL: " + baseUrl);
        }
        this.sendAudioUrl = base.newBuilder().addPathSegment("bot" + botToken).addPathSegment("sendAudio").build();
        this.retrier = new Retrier(retryPolicy, sleeper);
    }

    /** Production defaults: {@link RetryPolicy#DEFAULT} and a sleeping {@link Sleeper}. */
    public TelegramChannel(OkHttpClient http, String baseUrl, String botToken, String chatId) {
        this(http, baseUrl, botToken, chatId, RetryPolicy.DEFAULT, Sleeper.system());
    }

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public DeliveryOutcome post(Post post) {
        Objects.requireNonNull(post, "post == null");
        if (post.teaserMp3().length > MAX_AUDIO_BYTES) {
            return DeliveryOutcome.failedPermanent("teaser is " + post.teaserMp3().length
                    + " bytes, over Telegram's " + MAX_AUDIO_BYTES + " byte upload limit");
        }
        Request request = new Request.Builder().url(sendAudioUrl).post(form(post)).build();
        return retrier.run(OPERATION, () -> send(request));
    }

    private RequestBody form(Post post) {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("chat_id", chatId)
                .addFormDataPart("audio", post.teaserFileName(), RequestBody.create(post.teaserMp3(), MPEG))
                .addFormDataPart("title", post.title())
                .addFormDataPart("performer", post.performer())
                .addFormDataPart("duration", Long.toString(Math.max(1, Math.round(post.durationSeconds()))));
        if (post.hasCover()) {
            if (post.cover().length <= MAX_THUMBNAIL_BYTES) {
                form.addFormDataPart("thumbnail", post.coverFileName(), RequestBody.create(post.cover(), JPEG));
            } else {
                LOG.log(Level.WARNING, "{0}: cover of {1} bytes is too large for a thumbnail, posting without",
                        OPERATION, post.cover().length);
            }
        }
        return form.addFormDataPart("caption", Captions.telegram(post))
                .addFormDataPart("parse_mode", "HTML")
                .build();
    }

    private String send(Request request) throws IOException, ChannelHttpException {
        try (Response response = http.newCall(request).execute()) {
            String body = response.peekBody(MAX_ERROR_BODY).string();
            JsonNode answer = readJson(body);
            if (response.isSuccessful() && answer != null && answer.path("ok").asBoolean(false)) {
                JsonNode messageId = answer.path("result").path("message_id");
                if (messageId.canConvertToLong()) {
                    return messageId.asText();
                }
            }
            if (response.isSuccessful() && (answer == null || answer.path("ok").asBoolean(false))) {
                // The audio may be up already; the retrier does not retry this, so it is never posted twice.
                throw new ChannelHttpException(response.code(), "unreadable answer from Telegram (HTTP "
                        + response.code() + ")");
            }
            throw failure(response.code(), answer);
        }
    }

    private ChannelHttpException failure(int httpStatus, JsonNode answer) {
        // Telegram mirrors error_code in the HTTP status; prefer the body's when both are there.
        int code = answer != null && answer.path("error_code").canConvertToInt()
                ? answer.path("error_code").asInt() : httpStatus;
        String description = answer != null && answer.path("description").isTextual()
                ? answer.path("description").asText() : "no description";
        JsonNode retryAfter = answer == null ? null : answer.path("parameters").path("retry_after");
        Duration wait = code == 429 && retryAfter != null && retryAfter.isNumber() && retryAfter.asLong() >= 0
                ? Duration.ofSeconds(retryAfter.asLong()) : null;
        return new ChannelHttpException(code, "Telegram error " + code + ": " + description, wait);
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
