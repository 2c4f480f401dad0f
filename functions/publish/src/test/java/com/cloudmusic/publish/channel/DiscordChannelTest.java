package com.cloudmusic.publish.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.outbound.RetryPolicy;
import com.cloudmusic.publish.daily.DeliveryOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscordChannelTest {

    private static final String WEBHOOK_PATH = "/api/webhooks/1234567890/webhook-secret-token";
    private static final String POSTED = "{\"id\":\"1181234567890123456\",\"channel_id\":\"99\",\"content\":\"...\"}";

    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final ObjectMapper json = new ObjectMapper();
    private OkHttpClient http;
    private DiscordChannel channel;

    @BeforeEach
    void start() throws Exception {
        server.start();
        http = ChannelHttp.newClient();
        channel = new DiscordChannel(http, server.url(WEBHOOK_PATH).toString(), RetryPolicy.CHANNELS, sleeper);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Test
    void discord_postsToWebhookWithWaitTrue() throws Exception {
        server.enqueue(json(200, POSTED));

        channel.post(Posts.sample());

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getRequestUrl().encodedPath()).isEqualTo(WEBHOOK_PATH);
        assertThat(request.getRequestUrl().queryParameter("wait")).isEqualTo("true");
    }

    @Test
    void discord_keepsQueryOfConfiguredWebhookUrl() throws Exception {
        server.enqueue(json(200, POSTED));
        DiscordChannel threaded = new DiscordChannel(
                http, server.url(WEBHOOK_PATH + "?thread_id=77").toString(), RetryPolicy.CHANNELS, sleeper);

        threaded.post(Posts.sample());

        RecordedRequest request = server.takeRequest();
        assertThat(request.getRequestUrl().queryParameter("thread_id")).isEqualTo("77");
        assertThat(request.getRequestUrl().queryParameter("wait")).isEqualTo("true");
    }

    @Test
    void discord_sendsPayloadJsonAndFilesAsMultipart() throws Exception {
        server.enqueue(json(200, POSTED));

        channel.post(Posts.sample());

        MultipartForm form = MultipartForm.of(server.takeRequest());
        assertThat(form.parts).containsOnlyKeys("payload_json", "files[0]", "files[1]");
        assertThat(form.part("payload_json").contentType()).startsWith("application/json");
        assertThat(form.part("files[0]").fileName()).isEqualTo("cloudmusic_bass_120bpm_F#m_8bar_0f8e2c1a.mp3");
        assertThat(form.part("files[0]").contentType()).isEqualTo("audio/mpeg");
        assertThat(form.part("files[0]").bytes()).isEqualTo(Posts.MP3);
        assertThat(form.part("files[1]").fileName()).isEqualTo("cover.jpg");
        assertThat(form.part("files[1]").contentType()).isEqualTo("image/jpeg");
        assertThat(form.part("files[1]").bytes()).isEqualTo(Posts.JPEG);
    }

    @Test
    void discord_payloadCarriesCaptionUsernameNoMentionsAndAttachments() throws Exception {
        server.enqueue(json(200, POSTED));

        channel.post(Posts.sample());

        JsonNode payload = json.readTree(MultipartForm.of(server.takeRequest()).text("payload_json"));
        assertThat(payload.path("content").asText()).isEqualTo(Captions.discord(Posts.sample()));
        assertThat(payload.path("username").asText()).isEqualTo("CloudMusic");
        assertThat(payload.path("allowed_mentions").path("parse").isArray()).isTrue();
        assertThat(payload.path("allowed_mentions").path("parse")).isEmpty();
        assertThat(payload.path("attachments")).hasSize(2);
        assertThat(payload.path("attachments").get(0).path("id").asInt()).isZero();
        assertThat(payload.path("attachments").get(0).path("filename").asText())
                .isEqualTo("cloudmusic_bass_120bpm_F#m_8bar_0f8e2c1a.mp3");
        assertThat(payload.path("attachments").get(1).path("id").asInt()).isEqualTo(1);
        assertThat(payload.path("attachments").get(1).path("filename").asText()).isEqualTo("cover.jpg");
    }

    @Test
    void discord_sendsOnlyTheMp3_whenPostHasNoCover() throws Exception {
        server.enqueue(json(200, POSTED));

        channel.post(Posts.withoutCover());

        MultipartForm form = MultipartForm.of(server.takeRequest());
        assertThat(form.parts).containsOnlyKeys("payload_json", "files[0]");
        assertThat(json.readTree(form.text("payload_json")).path("attachments")).hasSize(1);
    }

    @Test
    void discord_sendsContentOfAtMost2000Chars_forA3000CharPrompt() throws Exception {
        server.enqueue(json(200, POSTED));

        channel.post(Posts.withPrompt("@everyone *".repeat(300)));

        String content = json.readTree(MultipartForm.of(server.takeRequest()).text("payload_json"))
                .path("content").asText();
        assertThat(content).hasSizeLessThanOrEqualTo(2000).endsWith(Posts.LINK).doesNotContain("@everyone");
    }

    @Test
    void discord_returnsPosted_withMessageId() {
        server.enqueue(json(200, POSTED));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.posted("1181234567890123456"));
    }

    @Test
    void discord_waitsRetryAfterFromBody_thenPosts() {
        server.enqueue(json(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}")
                .setHeader("Retry-After", "2"));
        server.enqueue(json(200, POSTED));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.posted("1181234567890123456"));
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void discord_waitsRetryAfterHeader_whenBodyHasNone() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3").setBody("slow down"));
        server.enqueue(json(200, POSTED));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.posted("1181234567890123456"));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void discord_recordsUnknownWebhookAsPermanent_withMessage() {
        server.enqueue(json(404, "{\"message\":\"Unknown Webhook\",\"code\":10015}"));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.failedPermanent("Discord error 404: Unknown Webhook (code 10015)"));
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void discord_recordsUnauthorizedAsPermanent_withoutRetry() {
        server.enqueue(json(401, "{\"message\":\"401: Unauthorized\",\"code\":0}"));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.FAILED_PERMANENT);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void discord_retriesServerError_thenPosts() {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(json(200, POSTED));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.posted("1181234567890123456"));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void discord_failsTransient_afterFourServerErrors() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(json(500, "{\"message\":\"Internal Server Error\",\"code\":0}"));
        }

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.failedTransient(
                "Discord error 500: Internal Server Error (code 0) after 4 attempts"));
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void discord_retriesNetworkFailure_thenPosts() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        server.enqueue(json(200, POSTED));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.posted("1181234567890123456"));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void discord_recordsMalformedSuccessAnswerAsPermanent_withoutRetry() {
        server.enqueue(json(200, "<html>not json</html>"));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.failedPermanent("unreadable answer from Discord (HTTP 200)"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void discord_rejectsFileOver10MiB_withoutSending() {
        DeliveryOutcome outcome = channel.post(Posts.withTeaser(new byte[10 * 1024 * 1024 + 1]));

        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.FAILED_PERMANENT);
        assertThat(((DeliveryOutcome.FailedPermanent) outcome).reason()).contains("upload limit");
        assertThat(server.getRequestCount()).isZero();
        assertThat(sleeper.waits).isEmpty();
    }
}
