package com.cloudmusic.publish.channel;

import com.cloudmusic.log.JsonLog;
import com.cloudmusic.outbound.Retrier;
import com.cloudmusic.outbound.RetryPolicy;
import com.cloudmusic.outbound.Sleeper;
import com.cloudmusic.publish.daily.Channel;
import com.cloudmusic.publish.daily.DeliveryOutcome;
import com.cloudmusic.publish.daily.Post;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Posts the teaser to a Telegram chat with the Bot API's {@code sendAudio}, as an upload with
 * title, performer, duration, cover thumbnail and an HTML caption, through {@link TelegramBotApi} under the
 * channels' {@link RetryPolicy}.
 */
public final class TelegramChannel implements Channel {

    public static final String NAME = "telegram";

    /** The public Bot API; TELEGRAM_BASE_URL overrides it for tests, staging and local peers. */
    public static final String DEFAULT_BASE_URL = "https://api.telegram.org";

    /** Bots may upload at most 50 MB. */
    static final long MAX_AUDIO_BYTES = 50L * 1000 * 1000;
    /** Telegram wants thumbnails under 200 kB; a larger one is left out rather than risk the post. */
    static final long MAX_THUMBNAIL_BYTES = 200L * 1000;

    private static final String OPERATION = "telegram sendAudio";
    private static final String MPEG = "audio/mpeg";
    private static final String JPEG = "image/jpeg";
    private static final JsonLog LOG = JsonLog.stdout();

    private final TelegramBotApi api;
    private final String chatId;
    private final Retrier retrier;

    public TelegramChannel(TelegramBotApi api, String chatId, Retrier retrier) {
        this.api = Objects.requireNonNull(api, "api == null");
        this.chatId = Objects.requireNonNull(chatId, "chatId == null");
        this.retrier = Objects.requireNonNull(retrier, "retrier == null");
        if (chatId.isBlank()) {
            throw new IllegalArgumentException("chatId is blank");
        }
    }

    /**
     * @param baseUrl  Bot API root, e.g. {@link #DEFAULT_BASE_URL}
     * @param botToken secret; ends up in the request path only, never in logs or outcomes
     */
    public TelegramChannel(OkHttpClient http, String baseUrl, String botToken, String chatId,
                           RetryPolicy retryPolicy, Sleeper sleeper) {
        this(new OkHttpTelegramBotApi(http, baseUrl, botToken), chatId,
                new Retrier(retryPolicy, sleeper, Clock.systemUTC()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryOutcome post(Post post) {
        Objects.requireNonNull(post, "post == null");
        if (post.teaserMp3().length > MAX_AUDIO_BYTES) {
            return DeliveryOutcome.failedPermanent("teaser is " + post.teaserMp3().length
                    + " bytes, over Telegram's " + MAX_AUDIO_BYTES + " byte upload limit");
        }
        TelegramBotApi.Audio audio = audio(post);
        return Deliveries.run(retrier, () -> api.sendAudio(audio));
    }

    private TelegramBotApi.Audio audio(Post post) {
        Upload thumbnail = null;
        if (post.hasCover()) {
            if (post.cover().length <= MAX_THUMBNAIL_BYTES) {
                thumbnail = new Upload(post.coverFileName(), JPEG, post.cover());
            } else {
                LOG.warn("telegram_thumbnail_too_large", Map.of("operation", OPERATION, "bytes", post.cover().length));
            }
        }
        return new TelegramBotApi.Audio(chatId, new Upload(post.teaserFileName(), MPEG, post.teaserMp3()), post.title(),
                post.performer(), Math.max(1, Math.round(post.durationSeconds())), thumbnail, Captions.telegram(post),
                "HTML");
    }
}
