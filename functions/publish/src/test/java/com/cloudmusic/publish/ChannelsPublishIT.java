package com.cloudmusic.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.json.Json;
import com.cloudmusic.publish.channel.MultipartForm;
import com.cloudmusic.publish.daily.PublishService;
import com.cloudmusic.publish.daily.RunSummary;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.tracks.Job;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole run against the emulators with MockWebServer standing in for the Telegram Bot API and a
 * Discord webhook, scripted from their documented answers, errors and rate limits.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class ChannelsPublishIT {

    private static final String TOKEN = "123456:AA-secret-token";
    private static final String CHAT = "-1001234567890";
    private static final String WEBHOOK = "/api/webhooks/1234567890/webhook-secret-token";
    private static final String PROMPT = "Dark <b>rolling</b> bass & sub *with* @everyone, 124 BPM, 4 seconds";

    private final MockWebServer telegram = new MockWebServer();
    private final MockWebServer discord = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        telegram.start();
        discord.start();
        // An unscripted request gets a 404 (a permanent failure the test sees) instead of waiting forever.
        ((QueueDispatcher) telegram.getDispatcher()).setFailFast(true);
        ((QueueDispatcher) discord.getDispatcher()).setFailFast(true);
    }

    @AfterEach
    void stop() throws Exception {
        telegram.shutdown();
        discord.shutdown();
    }

    private Map<String, String> bothChannels() {
        return Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_CHAT_ID", CHAT,
                "TELEGRAM_BASE_URL", telegram.url("/").toString(),
                "DISCORD_WEBHOOK_URL", discord.url(WEBHOOK).toString());
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static MockResponse telegramOk(int messageId) {
        return json(200, "{\"ok\":true,\"result\":{\"message_id\":" + messageId + ",\"chat\":{\"id\":" + CHAT + "}}}");
    }

    private static MockResponse discordOk(String id) {
        return json(200, "{\"id\":\"" + id + "\",\"channel_id\":\"99\",\"content\":\"...\"}");
    }

    /**
     * Only the shared track is a candidate: the day's track was made by an earlier outbox-only run, and
     * a second one moved the watermark past it (each run looks back over the last minutes of the previous).
     */
    private static Job sharedTrackAfterDailyRun(PublishFixture f, String body) {
        f.service(Map.of()).run();
        f.clock.advance(Duration.ofMinutes(20));
        f.service(Map.of()).run();
        Job job = f.userTrack(body);
        f.clock.advance(Duration.ofMinutes(20));
        return job;
    }

    private static String advanced(String prompt) {
        return "{\"mode\":\"advanced\",\"prompt\":" + Json.write(prompt) + ",\"share\":true}";
    }

    @Test
    void run_postsTeaserToTelegramAsSendAudioMultipart(AwsStack stack) throws Exception {
        PublishFixture f = new PublishFixture(stack);
        Job job = sharedTrackAfterDailyRun(f, advanced(PROMPT));
        telegram.enqueue(telegramOk(42));
        discord.enqueue(discordOk("1181"));

        RunSummary summary = f.service(bothChannels()).run();

        assertThat(summary.posted()).containsExactly(
                Map.of("jobId", job.id(), "channel", "telegram", "messageId", "42"),
                Map.of("jobId", job.id(), "channel", "discord", "messageId", "1181"));
        RecordedRequest request = telegram.takeRequest();
        assertThat(request.getPath()).isEqualTo("/bot" + TOKEN + "/sendAudio");
        MultipartForm form = MultipartForm.of(request);
        assertThat(form.parts).containsOnlyKeys(
                "chat_id", "audio", "title", "performer", "duration", "thumbnail", "caption", "parse_mode");
        assertThat(form.text("chat_id")).isEqualTo(CHAT);
        assertThat(form.part("audio").contentType()).isEqualTo("audio/mpeg");
        assertThat(form.part("audio").fileName()).endsWith("_teaser_" + job.id().replace("-", "").substring(0, 8) + ".mp3");
        assertThat(form.part("audio").bytes()).isEqualTo(f.object("teasers/" + job.id() + ".mp3"));
        assertThat(form.text("title")).isEqualTo("Bass loop 124 BPM " + job.spec().key());
        assertThat(form.text("performer")).isEqualTo("CloudMusic");
        assertThat(Integer.parseInt(form.text("duration"))).isBetween(4, 5);
        assertThat(form.part("thumbnail").contentType()).isEqualTo("image/jpeg");
        assertThat(form.part("thumbnail").bytes()).hasSizeLessThanOrEqualTo(200_000);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(form.part("thumbnail").bytes()));
        assertThat(thumbnail.getWidth()).isLessThanOrEqualTo(320);
        assertThat(thumbnail.getHeight()).isLessThanOrEqualTo(320);
        assertThat(form.text("parse_mode")).isEqualTo("HTML");
        assertThat(form.text("caption"))
                .startsWith("<b>Bass loop</b> · 124 BPM · " + job.spec().key() + "\n")
                .contains("<i>Dark &lt;b&gt;rolling&lt;/b&gt; bass &amp; sub *with* @everyone, 124 BPM, 4 seconds</i>")
                .endsWith("\n" + PublishFixture.BASE_URL + "/?track=" + job.id());
    }

    @Test
    void run_postsTeaserToDiscordWebhookAsPayloadJsonAndFiles(AwsStack stack) throws Exception {
        PublishFixture f = new PublishFixture(stack);
        Job job = sharedTrackAfterDailyRun(f, advanced(PROMPT));
        telegram.enqueue(telegramOk(42));
        discord.enqueue(discordOk("1181"));

        f.service(bothChannels()).run();

        RecordedRequest request = discord.takeRequest();
        assertThat(request.getRequestUrl().encodedPath()).isEqualTo(WEBHOOK);
        assertThat(request.getRequestUrl().queryParameter("wait")).isEqualTo("true");
        MultipartForm form = MultipartForm.of(request);
        assertThat(form.parts).containsOnlyKeys("payload_json", "files[0]", "files[1]");
        assertThat(form.part("files[0]").contentType()).isEqualTo("audio/mpeg");
        assertThat(form.part("files[0]").bytes()).isEqualTo(f.object("teasers/" + job.id() + ".mp3"));
        assertThat(form.part("files[1]").contentType()).isEqualTo("image/jpeg");
        assertThat(form.part("files[1]").bytes()).isEqualTo(f.object("teasers/" + job.id() + ".jpg"));
        JsonNode payload = Json.mapper().readTree(form.text("payload_json"));
        assertThat(payload.path("content").asText())
                .contains("Dark <b\\>rolling</b\\> bass & sub \\*with\\* @\u200Beveryone")
                .doesNotContain("@everyone")
                .endsWith("\n" + PublishFixture.BASE_URL + "/?track=" + job.id());
        assertThat(payload.path("allowed_mentions").path("parse")).isEmpty();
        assertThat(payload.path("attachments").get(0).path("filename").asText()).isEqualTo(form.part("files[0]").fileName());
    }

    @Test
    void run_cutsALongPromptToEachChannelsCaptionLimit_keepingTheLink(AwsStack stack) throws Exception {
        PublishFixture f = new PublishFixture(stack);
        String tempo = ", 124 BPM, 4 seconds";
        String prompt = "Huge <wall> of & sound ".repeat(30).substring(0, 500 - tempo.length()) + tempo;
        Job job = sharedTrackAfterDailyRun(f, advanced(prompt));
        telegram.enqueue(telegramOk(42));
        discord.enqueue(discordOk("1181"));

        f.service(bothChannels()).run();

        String caption = MultipartForm.of(telegram.takeRequest()).text("caption");
        String visible = caption.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        assertThat(visible.length()).isLessThanOrEqualTo(1024);
        assertThat(caption).endsWith(PublishFixture.BASE_URL + "/?track=" + job.id());
        String content = Json.mapper().readTree(MultipartForm.of(discord.takeRequest()).text("payload_json"))
                .path("content").asText();
        assertThat(content.length()).isLessThanOrEqualTo(2000);
        assertThat(content).endsWith(PublishFixture.BASE_URL + "/?track=" + job.id());
    }

    @Test
    void run_waitsTelegramsRetryAfter_thenPosts(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);
        Job job = sharedTrackAfterDailyRun(f, advanced("Warm bass, 124 BPM, 4 seconds"));
        telegram.enqueue(json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                + "\"parameters\":{\"retry_after\":7}}"));
        telegram.enqueue(telegramOk(43));
        discord.enqueue(discordOk("1182"));

        RunSummary summary = f.service(bothChannels()).run();

        assertThat(f.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(summary.posted()).contains(Map.of("jobId", job.id(), "channel", "telegram", "messageId", "43"));
        assertThat(telegram.getRequestCount()).isEqualTo(2);
        assertThat(f.delivery(job.id(), "telegram").get("status").s()).isEqualTo("posted");
    }

    @Test
    void run_recordsTelegram401AsPermanent_andNeverTriesAgain_whileDiscordPosts(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);
        Job job = sharedTrackAfterDailyRun(f, advanced("Warm bass, 124 BPM, 4 seconds"));
        telegram.enqueue(json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));
        discord.enqueue(discordOk("1183"));

        RunSummary first = f.service(bothChannels()).run();
        f.clock.advance(Duration.ofDays(1));
        discord.enqueue(discordOk("1184")); // for the next day's track of the day
        telegram.enqueue(telegramOk(44));
        RunSummary next = f.service(bothChannels()).run();

        assertThat(first.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.get("jobId")).isEqualTo(job.id());
            assertThat(failure.get("channel")).isEqualTo("telegram");
            assertThat(failure.get("permanent")).isEqualTo(true);
            assertThat((String) failure.get("reason")).contains("401").contains("Unauthorized").doesNotContain(TOKEN);
        });
        assertThat(first.posted()).containsExactly(Map.of("jobId", job.id(), "channel", "discord", "messageId", "1183"));
        assertThat(f.delivery(job.id(), "telegram").get("status").s()).isEqualTo("failed_permanent");
        assertThat(f.delivery(job.id(), "telegram").get("reason").s()).contains("Unauthorized");
        assertThat(f.waits).isEmpty();
        // The next day only the new track of the day is posted; the refused one is not tried again.
        assertThat(next.posted()).extracting(p -> p.get("jobId")).containsOnly(next.trackOfTheDayId());
        assertThat(telegram.getRequestCount()).isEqualTo(2);
    }

    @Test
    void run_retriesDiscord500WithBackoff_recordsItTransient_andALaterRunPostsIt(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);
        Job job = sharedTrackAfterDailyRun(f, advanced("Warm bass, 124 BPM, 4 seconds"));
        telegram.enqueue(telegramOk(45));
        for (int i = 0; i < 4; i++) {
            discord.enqueue(json(500, "{\"message\":\"Internal Server Error\",\"code\":0}"));
        }

        RunSummary first = f.service(bothChannels()).run();
        f.clock.advance(Duration.ofHours(1));
        discord.enqueue(discordOk("1185"));
        RunSummary later = f.service(bothChannels()).run();

        assertThat(first.posted()).containsExactly(Map.of("jobId", job.id(), "channel", "telegram", "messageId", "45"));
        assertThat(first.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.get("channel")).isEqualTo("discord");
            assertThat(failure.get("permanent")).isEqualTo(false);
            assertThat((String) failure.get("reason")).contains("500").contains("after 4 attempts");
        });
        assertThat(f.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(later.posted()).containsExactly(Map.of("jobId", job.id(), "channel", "discord", "messageId", "1185"));
        assertThat(later.skipped()).contains(Map.of("jobId", job.id(), "channel", "telegram", "reason", "already_posted"));
        assertThat(telegram.getRequestCount()).isEqualTo(1);
        assertThat(discord.getRequestCount()).isEqualTo(5);
    }

    @Test
    void sameRunTwice_postsNothingTheSecondTime_onAnyChannel(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);
        f.clock.advance(Duration.ofMinutes(-30));
        f.sharedBass();
        f.clock.advance(Duration.ofMinutes(30));
        telegram.setDispatcher(alwaysOk(new AtomicInteger()));
        discord.setDispatcher(alwaysOk(new AtomicInteger()));

        RunSummary first = f.service(bothChannels()).run();
        RunSummary second = f.service(bothChannels()).run();

        assertThat(first.posted()).hasSize(4);
        assertThat(second.posted()).isEmpty();
        // The second run looks again at what became ready within the overlap: the day's track, skipped.
        assertThat(second.skipped()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.get("reason")).isEqualTo("already_posted"));
        assertThat(telegram.getRequestCount()).isEqualTo(2);
        assertThat(discord.getRequestCount()).isEqualTo(2);
        assertThat(f.dailyJobs()).isEqualTo(1);
    }

    @Test
    void tenConcurrentRuns_postEachTeaserExactlyOncePerChannel(AwsStack stack) throws Exception {
        PublishFixture f = new PublishFixture(stack);
        f.clock.advance(Duration.ofMinutes(-30));
        Job shared = f.sharedBass();
        f.clock.advance(Duration.ofMinutes(30));
        telegram.setDispatcher(alwaysOk(new AtomicInteger()));
        discord.setDispatcher(alwaysOk(new AtomicInteger()));
        List<PublishService> services = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            services.add(f.service(bothChannels()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RunSummary>> runs = new ArrayList<>();
        try {
            for (PublishService service : services) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return service.run();
                }));
            }
            go.countDown();
            List<RunSummary> summaries = new ArrayList<>();
            for (Future<RunSummary> run : runs) {
                summaries.add(run.get(120, TimeUnit.SECONDS));
            }

            List<String> trackIds = List.of(shared.id(), f.service().run().trackOfTheDayId());
            assertThat(f.dailyJobs()).isEqualTo(1);
            assertThat(telegram.getRequestCount()).isEqualTo(2);
            assertThat(discord.getRequestCount()).isEqualTo(2);
            assertThat(summaries.stream().flatMap(s -> s.posted().stream()).map(p -> p.get("jobId") + "/" + p.get("channel")))
                    .containsExactlyInAnyOrder(trackIds.get(0) + "/telegram", trackIds.get(0) + "/discord",
                            trackIds.get(1) + "/telegram", trackIds.get(1) + "/discord");
            assertThat(summaries).allSatisfy(s -> assertThat(s.failed()).isEmpty());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Dispatcher alwaysOk(AtomicInteger ids) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int id = ids.incrementAndGet();
                return request.getPath().contains("/sendAudio") ? telegramOk(id) : discordOk("9" + id);
            }
        };
    }
}
