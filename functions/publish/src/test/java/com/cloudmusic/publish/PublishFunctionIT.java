package com.cloudmusic.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import com.cloudmusic.json.Json;
import com.cloudmusic.outbound.Sleeper;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/** The handler fed the sample EventBridge event, as sam local invoke and the schedule feed it. */
@ExtendWith(AwsEmulatorsExtension.class)
class PublishFunctionIT {

    @ParameterizedTest
    @Event(value = "events/scheduled-publish.json", type = Map.class)
    void handler_runsOnce_andAnswersAndLogsTheSummary(Map<String, Object> event, AwsStack stack) throws Exception {
        PublishFixture f = new PublishFixture(stack);
        PublishFunction function = new PublishFunction(
                PublishWiring.from(f.env(Map.of()), f.clock, f.log.log(), Sleeper.system()));

        Map<String, Object> result = function.handleRequest(event, null);

        assertThat(event).containsEntry("detail-type", "Scheduled Event");
        assertThat(result).containsEntry("date", "2026-11-24").containsEntry("postedCount", 1)
                .containsEntry("failedCount", 0).containsEntry("channels", List.of("outbox"));
        @SuppressWarnings("unchecked")
        Map<String, Object> daily = (Map<String, Object>) result.get("trackOfTheDay");
        assertThat(daily).containsEntry("status", "made").containsKey("id");
        assertThat(f.keys("outbox/2026-11-24/outbox/")).containsExactly("outbox/2026-11-24/outbox/" + daily.get("id") + ".json");
        JsonNode line = Json.mapper().readTree(f.log.lines().get(f.log.lines().size() - 1));
        assertThat(line.path("message").asText()).isEqualTo("publish");
        assertThat(line.path("postedCount").asInt()).isEqualTo(1);
        assertThat(line.path("trackOfTheDay").path("id").asText()).isEqualTo(daily.get("id"));
        assertThat(line.path("correlationId").asText()).isEqualTo(event.get("id"));
        assertThat(f.log.metrics()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("PublishPosts");
            assertThat(d.dimensions()).isEqualTo(Map.of("Channel", "outbox", "Outcome", "posted"));
        });
    }

    @Test
    void wiring_failsAtStart_namingTheMissingTelegramChat(AwsStack stack) {
        Map<String, String> env = new HashMap<>(stack.environment());
        env.put("TELEGRAM_BOT_TOKEN", "123456:AA-secret-token");

        assertThatThrownBy(() -> PublishSettings.from(new Env(env)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TELEGRAM_CHAT_ID")
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void wiring_failsAtStart_namingTheMissingBucket(AwsStack stack) {
        Map<String, String> env = new HashMap<>(stack.environment());
        env.remove("BUCKET_NAME");

        assertThatThrownBy(() -> PublishWiring.from(new Env(env), java.time.Clock.systemUTC(),
                new com.cloudmusic.log.JsonLog(line -> { }), Sleeper.system()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BUCKET_NAME");
    }

    @Test
    void settings_chooseTheOutbox_whenNoChannelIsConfigured(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);

        assertThat(f.service().channelNames()).containsExactly("outbox");
        assertThat(f.service(Map.of("DISCORD_WEBHOOK_URL", "https://discord.example/api/webhooks/1/x")).channelNames())
                .containsExactly("discord");
        assertThat(f.service(Map.of("TELEGRAM_BOT_TOKEN", "1:x", "TELEGRAM_CHAT_ID", "@c",
                "DISCORD_WEBHOOK_URL", "https://discord.example/api/webhooks/1/x")).channelNames())
                .containsExactly("telegram", "discord");
    }
}
