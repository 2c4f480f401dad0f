package com.cloudmusic.publish;

import com.cloudmusic.config.Config;
import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import com.cloudmusic.config.HttpUrl;
import com.cloudmusic.publish.channel.DiscordChannel;
import com.cloudmusic.publish.channel.OutboxChannel;
import com.cloudmusic.publish.channel.TelegramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The publish function's own settings, read once from the environment and failing fast with the
 * variable's name. A channel is on when its settings are there; Telegram needs both its token and chat.
 *
 * @param teaserSeconds      TEASER_SECONDS, the longest teaser (default 15)
 * @param telegramBotToken   TELEGRAM_BOT_TOKEN (secret)
 * @param telegramChatId     TELEGRAM_CHAT_ID, e.g. "@cloudmusic" or "-100123..."
 * @param telegramBaseUrl    TELEGRAM_BASE_URL, the Bot API root
 * @param discordWebhookUrl  DISCORD_WEBHOOK_URL (secret: it holds the webhook token)
 */
public record PublishSettings(
        int teaserSeconds,
        Optional<String> telegramBotToken,
        Optional<String> telegramChatId,
        String telegramBaseUrl,
        Optional<String> discordWebhookUrl) {

    public static final String TEASER_SECONDS = "TEASER_SECONDS";
    public static final String TELEGRAM_BOT_TOKEN = "TELEGRAM_BOT_TOKEN";
    public static final String TELEGRAM_CHAT_ID = "TELEGRAM_CHAT_ID";
    public static final String TELEGRAM_BASE_URL = "TELEGRAM_BASE_URL";
    public static final String DISCORD_WEBHOOK_URL = "DISCORD_WEBHOOK_URL";
    public static final String[] REQUIRED = {Config.TABLE_NAME, Config.BUCKET_NAME};

    public static PublishSettings from(Env env) {
        Optional<String> token = env.optional(TELEGRAM_BOT_TOKEN);
        Optional<String> chat = env.optional(TELEGRAM_CHAT_ID);
        if (token.isPresent() && chat.isEmpty()) {
            throw new ConfigException(TELEGRAM_CHAT_ID + " is required when " + TELEGRAM_BOT_TOKEN + " is set");
        }
        if (chat.isPresent() && token.isEmpty()) {
            throw new ConfigException(TELEGRAM_BOT_TOKEN + " is required when " + TELEGRAM_CHAT_ID + " is set");
        }
        Optional<String> discord = env.optional(DISCORD_WEBHOOK_URL);
        if (discord.isPresent() && HttpUrl.parse(discord.get()).isEmpty()) {
            // Not echoing the value: it holds the webhook token.
            throw new ConfigException(DISCORD_WEBHOOK_URL + " must be an http(s) URL");
        }
        return new PublishSettings(env.integer(TEASER_SECONDS, 15, 5, 60), token, chat,
                env.httpUrl(TELEGRAM_BASE_URL, TelegramChannel.DEFAULT_BASE_URL).toString(), discord);
    }

    /** The channels a run posts to, in order: Telegram and Discord where configured, else the outbox. */
    public List<String> channelNames() {
        List<String> names = new ArrayList<>();
        if (telegramEnabled()) {
            names.add(TelegramChannel.NAME);
        }
        if (discordEnabled()) {
            names.add(DiscordChannel.NAME);
        }
        if (names.isEmpty()) {
            names.add(OutboxChannel.NAME);
        }
        return List.copyOf(names);
    }

    public boolean telegramEnabled() {
        return telegramBotToken.isPresent();
    }

    public boolean discordEnabled() {
        return discordWebhookUrl.isPresent();
    }
}
