package com.cloudmusic.publish.channel;

import com.cloudmusic.config.HttpUrl;
import com.cloudmusic.outbound.HttpStatusException;
import com.cloudmusic.outbound.RetryAfter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;

/** {@link TelegramBotApi} on okhttp; the bot token lives in the request path only, never in a message. */
public final class OkHttpTelegramBotApi implements TelegramBotApi {

    private final OkHttpClient http;
    private final String sendAudioUrl;

    /**
     * @param baseUrl  Bot API root, e.g. {@code https://api.telegram.org}
     * @param botToken secret; ends up in the request path only, never in logs or outcomes
     */
    public OkHttpTelegramBotApi(OkHttpClient http, String baseUrl, String botToken) {
        this.http = Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(baseUrl, "baseUrl == null");
        Objects.requireNonNull(botToken, "botToken == null");
        if (botToken.isBlank()) {
            throw new IllegalArgumentException("botToken is blank");
        }
        if (!botToken.matches("[A-Za-z0-9:_-]+")) {
            // Not echoing the value: it is a secret.
            throw new IllegalArgumentException("botToken has characters a Telegram bot token never has");
        }
        String root = HttpUrl.parse(baseUrl).orElseThrow(
                () -> new IllegalArgumentException("baseUrl is not an http(s) URL: " + baseUrl))
                .toString().replaceAll("[?#].*$", "").replaceAll("/+$", "");
        this.sendAudioUrl = root + "/bot" + botToken + "/sendAudio";
    }

    @Override
    public String sendAudio(Audio audio) throws IOException, HttpStatusException {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("chat_id", audio.chatId());
        ChannelHttp.file(form, "audio", audio.audio())
                .addFormDataPart("title", audio.title())
                .addFormDataPart("performer", audio.performer())
                .addFormDataPart("duration", Long.toString(audio.durationSeconds()));
        if (audio.thumbnail() != null) {
            ChannelHttp.file(form, "thumbnail", audio.thumbnail());
        }
        form.addFormDataPart("caption", audio.caption()).addFormDataPart("parse_mode", audio.parseMode());

        ChannelHttp.Answer response = ChannelHttp.post(http, sendAudioUrl, form.build());
        JsonNode answer = ChannelJson.object(response.body());
        if (response.successful() && answer != null && answer.path("ok").asBoolean(false)) {
            JsonNode messageId = answer.path("result").path("message_id");
            if (messageId.canConvertToLong()) {
                return messageId.asText();
            }
        }
        if (response.successful() && (answer == null || answer.path("ok").asBoolean(false))) {
            // The audio may be up already: never retried, so it is never posted twice.
            throw HttpStatusException.unreadable(response.status(), "unreadable answer from Telegram (HTTP "
                    + response.status() + ")");
        }
        // Telegram mirrors error_code in the HTTP status; prefer the body's when both are there.
        int code = answer != null && answer.path("error_code").canConvertToInt()
                ? answer.path("error_code").asInt() : response.status();
        String description = answer != null && answer.path("description").isTextual()
                ? answer.path("description").asText() : "no description";
        JsonNode retryAfter = answer == null ? null : answer.path("parameters").path("retry_after");
        Duration wait = code == 429 && retryAfter != null && retryAfter.isNumber()
                ? RetryAfter.seconds(retryAfter.asDouble()).orElse(null) : null;
        throw HttpStatusException.of(code, "Telegram error " + code + ": " + description, wait);
    }
}
