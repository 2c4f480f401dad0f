package com.cloudmusic.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The channels the runner announces are the publish function's own reading of the settings. */
class LocalRunnerChannelsTest {

    @Test
    void channels_areTelegramAndDiscord_whenBothAreConfigured() {
        Env env = new Env(Map.of("TELEGRAM_BOT_TOKEN", "123:abc", "TELEGRAM_CHAT_ID", "-100",
                "DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/x"));

        assertThat(LocalRunner.channels(env, "bucket")).containsExactly("telegram", "discord");
    }

    @Test
    void channels_areTheOutboxInTheBucket_whenNoneIsConfigured() {
        assertThat(LocalRunner.channels(new Env(Map.of()), "bucket")).containsExactly("outbox (s3://bucket/outbox/)");
    }

    @Test
    void channels_refuseATelegramTokenWithoutAChat_asThePublishFunctionDoes() {
        Env env = new Env(Map.of("TELEGRAM_BOT_TOKEN", "123:abc"));

        assertThatThrownBy(() -> LocalRunner.channels(env, "bucket")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("TELEGRAM_CHAT_ID");
    }
}
