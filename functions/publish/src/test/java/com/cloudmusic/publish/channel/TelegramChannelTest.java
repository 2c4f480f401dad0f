package com.cloudmusic.publish.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.outbound.RetryPolicy;
import com.cloudmusic.publish.daily.DeliveryOutcome;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelegramChannelTest {

    private static final String TOKEN = "123456:AA-secret-token";
    private static final String CHAT_ID = "-1001234567890";
    private static final String POSTED = "{\"ok\":true,\"result\":{\"message_id\":42,\"chat\":{\"id\":-1001234567890}}}";

    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private TelegramChannel channel;

    @BeforeEach
    void start() throws Exception {
        server.start();
        OkHttpClient http = ChannelHttp.newClient();
        channel = new TelegramChannel(http, server.url("/").toString(), TOKEN, CHAT_ID, RetryPolicy.CHANNELS, sleeper);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Test
    void telegram_sendsAudioAsMultipart_toSendAudioWithToken() throws Exception {
        server.enqueue(json(200, POSTED));

        channel.post(Posts.sample());

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/bot" + TOKEN + "/sendAudio");
        MultipartForm form = MultipartForm.of(request);
        assertThat(form.parts).containsOnlyKeys(
                "chat_id", "audio", "title", "performer", "duration", "thumbnail", "caption", "parse_mode");
        assertThat(form.text("chat_id")).isEqualTo(CHAT_ID);
        assertThat(form.part("audio").fileName()).isEqualTo("cloudmusic_bass_120bpm_F#m_8bar_0f8e2c1a.mp3");
        assertThat(form.part("audio").contentType()).isEqualTo("audio/mpeg");
        assertThat(form.part("audio").bytes()).isEqualTo(Posts.MP3);
        assertThat(form.text("title")).isEqualTo("Bass loop 120 BPM F#m");
        assertThat(form.text("performer")).isEqualTo("CloudMusic");
        assertThat(form.text("duration")).isEqualTo("15");
        assertThat(form.part("thumbnail").fileName()).isEqualTo("cover.jpg");
        assertThat(form.part("thumbnail").contentType()).isEqualTo("image/jpeg");
        assertThat(form.part("thumbnail").bytes()).isEqualTo(Posts.JPEG);
        assertThat(form.text("parse_mode")).isEqualTo("HTML");
    }

    @Test
    void telegram_sendsHtmlEscapedCaption() throws Exception {
        server.enqueue(json(200, POSTED));

        channel.post(Posts.sample());

        String caption = MultipartForm.of(server.takeRequest()).text("caption");
        assertThat(caption).isEqualTo(Captions.telegram(Posts.sample()))
                .contains("<i>Dark &lt;b&gt;rolling&lt;/b&gt; bass &amp; sub</i>");
    }

    @Test
    void telegram_sendsCaptionOfAtMost1024VisibleChars_forA2000CharPrompt() throws Exception {
        server.enqueue(json(200, POSTED));

        channel.post(Posts.withPrompt("&<>\"".repeat(500)));

        String caption = MultipartForm.of(server.takeRequest()).text("caption");
        String visible = caption.replaceAll("<[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        assertThat(visible).hasSizeLessThanOrEqualTo(1024);
        assertThat(caption).endsWith(Posts.LINK.replace("&", "&amp;"));
    }

    @Test
    void telegram_omitsThumbnail_whenPostHasNoCover() throws Exception {
        server.enqueue(json(200, POSTED));

        channel.post(Posts.withoutCover());

        assertThat(MultipartForm.of(server.takeRequest()).parts).doesNotContainKey("thumbnail");
    }

    @Test
    void telegram_returnsPosted_withMessageId() {
        server.enqueue(json(200, POSTED));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.posted("42"));
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void telegram_waitsRetryAfter_thenPosts() {
        server.enqueue(json(429, "{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}"));
        server.enqueue(json(200, POSTED));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.posted("42"));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void telegram_givesUpAsTransient_whenRetryAfterExceedsWaitBudget() {
        server.enqueue(json(429, "{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 120\",\"parameters\":{\"retry_after\":120}}"));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isInstanceOf(DeliveryOutcome.FailedTransient.class);
        assertThat(((DeliveryOutcome.FailedTransient) outcome).reason()).contains("retry after 120");
        assertThat(sleeper.waits).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void telegram_recordsUnauthorizedAsPermanent_withoutRetry() {
        server.enqueue(json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.failedPermanent("Telegram error 401: Unauthorized"));
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void telegram_recordsChatNotFoundAsPermanent_withDescription() {
        server.enqueue(json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.failedPermanent("Telegram error 400: Bad Request: chat not found"));
    }

    @Test
    void telegram_retriesServerError_thenPosts() {
        server.enqueue(json(500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}"));
        server.enqueue(json(200, POSTED));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.posted("42"));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void telegram_failsTransient_afterFourServerErrors_withExponentialBackoff() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>Bad Gateway</html>"));
        }

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.failedTransient("Telegram error 502: no description after 4 attempts"));
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void telegram_retriesNetworkFailure_thenPosts() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        server.enqueue(json(200, POSTED));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.posted("42"));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void telegram_recordsMalformedSuccessAnswerAsPermanent_withoutRetry() {
        server.enqueue(json(200, "{\"ok\":true,\"result\":"));

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isEqualTo(DeliveryOutcome.failedPermanent("unreadable answer from Telegram (HTTP 200)"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void telegram_neverPutsTokenIntoOutcome_onNetworkFailure() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        }

        DeliveryOutcome outcome = channel.post(Posts.sample());

        assertThat(outcome).isInstanceOf(DeliveryOutcome.FailedTransient.class);
        assertThat(outcome.toString()).doesNotContain(TOKEN).doesNotContain("secret");
    }

    @Test
    void telegram_rejectsTeaserOver50MB_withoutSending() {
        DeliveryOutcome outcome = channel.post(Posts.withTeaser(new byte[50_000_001]));

        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.FAILED_PERMANENT);
        assertThat(server.getRequestCount()).isZero();
    }
}
