package com.cloudmusic.publish.channel;

import com.cloudmusic.outbound.HttpStatusException;
import java.io.IOException;
import java.util.Objects;

/** The Telegram Bot API, the one method a channel post needs ({@link OkHttpTelegramBotApi} runs it). */
public interface TelegramBotApi {

    /**
     * {@code sendAudio} as an upload.
     *
     * @return the posted message's id
     * @throws HttpStatusException Telegram's error ({@code error_code}, {@code description}, and
     *                             {@code parameters.retry_after} for a 429), or an unreadable success
     */
    String sendAudio(Audio audio) throws IOException, HttpStatusException;

    /** The fields of one sendAudio; {@code thumbnail} may be null. */
    record Audio(String chatId, Upload audio, String title, String performer, long durationSeconds, Upload thumbnail,
                 String caption, String parseMode) {
        public Audio {
            Objects.requireNonNull(chatId, "chatId == null");
            Objects.requireNonNull(audio, "audio == null");
        }
    }
}
