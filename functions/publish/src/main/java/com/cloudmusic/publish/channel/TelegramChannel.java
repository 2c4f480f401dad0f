package com.cloudmusic.publish.channel;

import com.cloudmusic.publish.daily.Channel;
import com.cloudmusic.publish.daily.DeliveryOutcome;
import com.cloudmusic.publish.daily.Post;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

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
    private static final String MPEG = "audio/mpeg";
    private static final String JPEG = "image/jpeg";
    private static final Logger LOG = System.getLogger(TelegramChannel.class.getName());

    private final HttpClient http;
    private final URI sendAudioUrl;
    private final String chatId;
    private final Retrier retrier;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param baseUrl  Bot API root, e.g. {@link #DEFAULT_BASE_URL}
     * @param botToken secret; ends up in the request path only, never in logs or outcomes
     */
    public TelegramChannel(HttpClient http, String baseUrl, String botToken, String chatId,
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
        if (!botToken.matches("[A-Za-z0-9:_-]+")) {
            // Not echoing the value: it is a secret.
            throw new IllegalArgumentException("botToken has characters a Telegram bot token never has");
        }
        URI base = ChannelHttp.httpUrl(baseUrl).orElseThrow(
                () -> new IllegalArgumentException("baseUrl is not an http(s) URL: " + baseUrl));
        String root = base.toString().replaceAll("[?#].*$", "").replaceAll("/+$", "");
        this.sendAudioUrl = URI.create(root + "/bot" + botToken + "/sendAudio");
        this.retrier = new Retrier(retryPolicy, sleeper);
    }

    /** Production defaults: {@link RetryPolicy#DEFAULT} and a sleeping {@link Sleeper}. */
    public TelegramChannel(HttpClient http, String baseUrl, String botToken, String chatId) {
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
        FormData form = form(post);
        return retrier.run(OPERATION, () -> send(form));
    }

    private FormData form(Post post) {
        FormData form = new FormData()
                .text("chat_id", chatId)
                .file("audio", post.teaserFileName(), MPEG, post.teaserMp3())
                .text("title", post.title())
                .text("performer", post.performer())
                .text("duration", Long.toString(Math.max(1, Math.round(post.durationSeconds()))));
        if (post.hasCover()) {
            if (post.cover().length <= MAX_THUMBNAIL_BYTES) {
                form.file("thumbnail", post.coverFileName(), JPEG, post.cover());
            } else {
                LOG.log(Level.WARNING, "{0}: cover of {1} bytes is too large for a thumbnail, posting without",
                        OPERATION, post.cover().length);
            }
        }
        return form.text("caption", Captions.telegram(post))
                .text("parse_mode", "HTML");
    }

    private String send(FormData form) throws IOException, ChannelHttpException {
        ChannelHttp.Answer response = ChannelHttp.post(http, sendAudioUrl, form);
        JsonNode answer = readJson(response.body());
        if (response.successful() && answer != null && answer.path("ok").asBoolean(false)) {
            JsonNode messageId = answer.path("result").path("message_id");
            if (messageId.canConvertToLong()) {
                return messageId.asText();
            }
        }
        if (response.successful() && (answer == null || answer.path("ok").asBoolean(false))) {
            // The audio may be up already; the retrier does not retry this, so it is never posted twice.
            throw new ChannelHttpException(response.status(), "unreadable answer from Telegram (HTTP "
                    + response.status() + ")");
        }
        throw failure(response.status(), answer);
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
