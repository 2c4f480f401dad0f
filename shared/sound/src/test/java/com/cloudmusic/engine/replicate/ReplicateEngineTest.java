package com.cloudmusic.engine.replicate;

import static com.cloudmusic.engine.replicate.ReplicateMock.MUSICGEN;
import static com.cloudmusic.engine.replicate.ReplicateMock.TOKEN;
import static com.cloudmusic.engine.replicate.ReplicateMock.created;
import static com.cloudmusic.engine.replicate.ReplicateMock.drain;
import static com.cloudmusic.engine.replicate.ReplicateMock.prediction;
import static com.cloudmusic.engine.replicate.ReplicateMock.status;
import static com.cloudmusic.engine.replicate.ReplicateMock.url;
import static com.cloudmusic.engine.replicate.ReplicateMock.wav;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.cloudmusic.audio.ModelOutputFixtures.Format;
import com.cloudmusic.audio.ModelOutputFixtures;
import com.cloudmusic.json.Json;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine against a MockWebServer scripted as Replicate documents its API. */
class ReplicateEngineTest {

    /** What the "model" returns: 114 BPM although 120 was asked, 32 kHz mono, not starting on a beat. */
    private static final byte[] MODEL_WAV = ModelOutputFixtures.modelWav(LoopType.KICK, 114, 19, 0.37, 32_000, 1,
            Format.PCM16);
    private static final LoopSpec SPEC = new LoopSpec(Mode.GUIDED, LoopType.KICK, 120, 8, "Am", 42, 4, true, false,
            false, List.of(), "dark kick loop, 120 BPM, key Am, intensity 4/5");

    private MockWebServer server;
    private final FakeTime time = new FakeTime();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        // An unscripted request gets an immediate error instead of hanging until a read timeout.
        ((QueueDispatcher) server.getDispatcher()).setFailFast(true);
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private ReplicateEngine engine(ReplicateSettings settings) {
        ReplicateClient client = new ReplicateClient(settings.baseUrl(), TOKEN,
                settings.maxOutputBytes(), time, time);
        return new ReplicateEngine(client, settings, time, time);
    }

    private ReplicateSettings settings(String model) {
        URI base = server.url("/").uri();
        return ReplicateSettings.of(TOKEN, URI.create(base.toString().replaceAll("/$", "")), model);
    }

    private ReplicateEngine musicGen() {
        return engine(settings(MUSICGEN));
    }

    private String outputUrl() {
        return url(server, "/delivery/out.wav");
    }

    @Test
    void render_succeedsThroughPreferWait_withOneCreateAndNoPolling() throws Exception {
        server.enqueue(prediction(201, "p1", "succeeded", outputUrl(), null));
        server.enqueue(wav(MODEL_WAV));
        ReplicateMock.JobContext context = new ReplicateMock.JobContext(null, false);

        RenderedLoop loop = musicGen().render(SPEC, context);

        List<RecordedRequest> requests = drain(server);
        assertThat(requests).extracting(RecordedRequest::getPath).containsExactly("/v1/predictions", "/delivery/out.wav");
        RecordedRequest create = requests.get(0);
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(create.getHeader("Prefer")).isEqualTo("wait=10");
        assertThat(requests.get(1).getHeader("Authorization")).as("no token to the file host").isNull();
        assertThat(context.saves).containsExactly("p1");
        assertThat(time.sleeps).isEmpty();
        assertThat(loop.engine()).isEqualTo("replicate");
        assertThat(loop.measuredBpm()).isCloseTo(114, within(2.3));
        assertThat(loop.frames()).isEqualTo(LoopSpec.framesFor(loop.bpm(), loop.bars()));
    }

    @Test
    void render_pollsWithGrowingBackoff_untilThePredictionSucceeds() throws Exception {
        server.enqueue(created("p2", "starting"));
        server.enqueue(status("p2", "starting"));
        server.enqueue(status("p2", "processing"));
        server.enqueue(prediction(200, "p2", "succeeded", "[" + outputUrl() + "]", null));
        server.enqueue(wav(MODEL_WAV));
        ReplicateMock.JobContext context = new ReplicateMock.JobContext(null, false);

        RenderedLoop loop = musicGen().render(SPEC, context);

        assertThat(drain(server)).extracting(r -> r.getMethod() + " " + r.getPath()).containsExactly(
                "POST /v1/predictions", "GET /v1/predictions/p2", "GET /v1/predictions/p2", "GET /v1/predictions/p2",
                "GET /delivery/out.wav");
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(1000), Duration.ofMillis(1500), Duration.ofMillis(2250));
        assertThat(context.saves).containsExactly("p2");
        assertThat(loop.measuredBpm()).isNotNull();
    }

    @Test
    void render_savesThePredictionId_beforeItPolls() throws Exception {
        server.enqueue(created("p3", "starting"));
        server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"detail\":\"Invalid token.\"}"));
        server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"detail\":\"Invalid token.\"}"));
        ReplicateMock.JobContext context = new ReplicateMock.JobContext(null, false);

        assertThatThrownBy(() -> musicGen().render(SPEC, context)).isInstanceOf(EngineException.class);

        assertThat(context.saves).containsExactly("p3");
    }

    @Test
    void render_failsForGood_whenThePredictionFailed_withTheModelsError() throws Exception {
        server.enqueue(created("p4", "processing"));
        server.enqueue(prediction(200, "p4", "failed", null, "CUDA out of memory"));

        assertThatThrownBy(() -> musicGen().render(SPEC, new ReplicateMock.JobContext(null, false)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("engine_failed");
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).contains("CUDA out of memory");
                });
        assertThat(drain(server)).noneMatch(r -> r.getPath().endsWith("/cancel"));
    }

    @Test
    void render_failsForGood_whenThePredictionWasCanceled() {
        server.enqueue(created("p5", "starting"));
        server.enqueue(status("p5", "canceled"));

        assertThatThrownBy(() -> musicGen().render(SPEC, new ReplicateMock.JobContext(null, false)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("engine_canceled");
                    assertThat(e.permanent()).isTrue();
                });
    }

    @Test
    void render_waitsAsLongAsTheThrottleBodySays_thenCreates() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Content-Type", "application/json")
                .setBody("{\"detail\":\"Request was throttled. Expected available in 6 seconds.\"}"));
        server.enqueue(prediction(201, "p6", "succeeded", outputUrl(), null));
        server.enqueue(wav(MODEL_WAV));

        musicGen().render(SPEC, new ReplicateMock.JobContext(null, false));

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(6));
        assertThat(drain(server)).extracting(RecordedRequest::getPath)
                .containsExactly("/v1/predictions", "/v1/predictions", "/delivery/out.wav");
    }

    @Test
    void render_waitsAsLongAsRetryAfterSays_whenPollingIsThrottled() throws Exception {
        server.enqueue(created("p7", "processing"));
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "4")
                .setBody("{\"detail\":\"Request was throttled. Your rate limit resets in ~3s.\"}"));
        server.enqueue(prediction(200, "p7", "succeeded", outputUrl(), null));
        server.enqueue(wav(MODEL_WAV));

        musicGen().render(SPEC, new ReplicateMock.JobContext(null, false));

        // one poll interval, then the longer of Retry-After (4 s) and the body (~3 s)
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(4));
    }

    @Test
    void render_retriesServerErrors_withBackoff_thenSucceeds() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("upstream unavailable"));
        server.enqueue(new MockResponse().setResponseCode(500).setBody("{\"detail\":\"oops\"}"));
        server.enqueue(prediction(201, "p8", "succeeded", outputUrl(), null));
        server.enqueue(wav(MODEL_WAV));

        RenderedLoop loop = musicGen().render(SPEC, new ReplicateMock.JobContext(null, false));

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(loop.engine()).isEqualTo("replicate");
    }

    @Test
    void render_givesUpTransiently_afterBoundedServerErrors() {
        for (int i = 0; i < ReplicateClient.MAX_ATTEMPTS; i++) {
            server.enqueue(new MockResponse().setResponseCode(502));
        }

        assertThatThrownBy(() -> musicGen().render(SPEC, new ReplicateMock.JobContext(null, false)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("engine_unavailable");
                    assertThat(e.permanent()).isFalse();
                });
        assertThat(server.getRequestCount()).isEqualTo(ReplicateClient.MAX_ATTEMPTS);
    }

    @Test
    void render_retriesAPollThatLostItsConnection() throws Exception {
        server.enqueue(created("p9", "processing"));
        // okhttp's own silent retry is off (the Retrier decides what goes out again): one loss, one backoff.
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(prediction(200, "p9", "succeeded", outputUrl(), null));
        server.enqueue(wav(MODEL_WAV));

        RenderedLoop loop = musicGen().render(SPEC, new ReplicateMock.JobContext(null, false));

        assertThat(loop.engine()).isEqualTo("replicate");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** A Replicate whose prediction "slow" keeps processing until the test says it is done. */
    private AtomicReference<String> scriptSlowPrediction() {
        AtomicReference<String> state = new AtomicReference<>("processing");
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String call = request.getMethod() + " " + request.getPath();
                return switch (call) {
                    case "POST /v1/predictions" -> created("slow", "starting");
                    case "GET /v1/predictions/slow" -> state.get().equals("succeeded")
                            ? prediction(200, "slow", "succeeded", outputUrl(), null) : status("slow", state.get());
                    case "POST /v1/predictions/slow/cancel" -> {
                        state.set("canceled");
                        yield status("slow", "canceled");
                    }
                    case "GET /delivery/out.wav" -> wav(MODEL_WAV);
                    default -> new MockResponse().setResponseCode(404);
                };
            }
        });
        return state;
    }

    @Test
    void render_leavesThePredictionRunning_whenTheDeadlinePassesBeforeTheLastAttempt_andTheRetryResumesIt()
            throws Exception {
        ReplicateEngine engine = engine(settings(MUSICGEN).withDeadline(Duration.ofSeconds(20)));
        AtomicReference<String> prediction = scriptSlowPrediction();
        ReplicateMock.JobContext first = new ReplicateMock.JobContext(null, false);

        assertThatThrownBy(() -> engine.render(SPEC, first)).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.code()).isEqualTo("engine_timeout");
            assertThat(e.permanent()).isFalse();
        });
        assertThat(drain(server)).noneMatch(r -> r.getPath().endsWith("/cancel"));
        assertThat(time.slept()).isEqualTo(Duration.ofSeconds(20));
        assertThat(first.saved).isEqualTo("slow");

        // The queue redelivers the job with the id it kept; meanwhile the model finished.
        prediction.set("succeeded");
        ReplicateMock.JobContext redelivered = new ReplicateMock.JobContext(first.saved, false);

        RenderedLoop loop = engine.render(SPEC, redelivered);

        assertThat(drain(server)).extracting(r -> r.getMethod() + " " + r.getPath())
                .containsExactly("GET /v1/predictions/slow", "GET /delivery/out.wav");
        assertThat(redelivered.saves).isEmpty();
        assertThat(loop.engine()).isEqualTo("replicate");
    }

    @Test
    void render_cancelsThePrediction_andFailsForGood_whenTheDeadlinePassesOnTheLastAttempt() throws Exception {
        ReplicateEngine engine = engine(settings(MUSICGEN).withDeadline(Duration.ofSeconds(10)));
        AtomicReference<String> prediction = scriptSlowPrediction();

        assertThatThrownBy(() -> engine.render(SPEC, new ReplicateMock.JobContext("slow", true)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("engine_timeout");
                    assertThat(e.permanent()).isTrue();
                });

        List<RecordedRequest> requests = drain(server);
        assertThat(requests).noneMatch(r -> r.getMethod().equals("POST") && r.getPath().equals("/v1/predictions"));
        RecordedRequest last = requests.get(requests.size() - 1);
        assertThat(last.getMethod() + " " + last.getPath()).isEqualTo("POST /v1/predictions/slow/cancel");
        assertThat(last.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(prediction.get()).isEqualTo("canceled");
    }

    @Test
    void render_explainsAMalformedAnswer() {
        server.enqueue(new MockResponse().setResponseCode(201).setBody("<html>Bad gateway</html>"));

        assertThatThrownBy(() -> musicGen().render(SPEC, new ReplicateMock.JobContext(null, false)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("engine_bad_response");
                    assertThat(e.getMessage()).contains("not JSON");
                });
    }

    @Test
    void render_explainsAnAnswerWithoutAnId() {
        server.enqueue(new MockResponse().setResponseCode(201).setBody("{\"status\":\"starting\"}"));

        assertThatThrownBy(() -> musicGen().render(SPEC, new ReplicateMock.JobContext(null, false)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("engine_bad_response");
                    assertThat(e.getMessage()).contains("no id");
                });
    }

    @Test
    void render_refusesAnOutputLargerThanTheCap_declaredByContentLength() {
        ReplicateEngine engine = engine(settings(MUSICGEN).withMaxOutputBytes(1024 * 1024));
        server.enqueue(prediction(201, "big", "succeeded", outputUrl(), null));
        server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[2 * 1024 * 1024])));

        assertThatThrownBy(() -> engine.render(SPEC, new ReplicateMock.JobContext(null, false)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("output_too_large");
                    assertThat(e.permanent()).isTrue();
                });
    }

    @Test
    void render_refusesAnOutputLargerThanTheCap_whenStreamedWithoutALength() {
        ReplicateEngine engine = engine(settings(MUSICGEN).withMaxOutputBytes(1024 * 1024));
        server.enqueue(prediction(201, "big", "succeeded", outputUrl(), null));
        server.enqueue(new MockResponse().setChunkedBody(new Buffer().write(new byte[2 * 1024 * 1024]), 64 * 1024));

        assertThatThrownBy(() -> engine.render(SPEC, new ReplicateMock.JobContext(null, false)))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo("output_too_large"));
    }

    @Test
    void render_decodesADataUriOutput_withoutDownloadingAnything() throws Exception {
        String dataUri = "data:audio/wav;base64," + Base64.getEncoder().encodeToString(MODEL_WAV);
        server.enqueue(prediction(201, "inline", "processing", "\"" + dataUri + "\"", null));

        RenderedLoop loop = musicGen().render(SPEC, new ReplicateMock.JobContext(null, false));

        assertThat(drain(server)).extracting(RecordedRequest::getPath).containsExactly("/v1/predictions");
        assertThat(loop.measuredBpm()).isCloseTo(114, within(2.3));
    }

    @Test
    void render_neverPutsTheTokenIntoAMessage() {
        server.enqueue(new MockResponse().setResponseCode(401)
                .setBody("{\"detail\":\"You did not pass a valid authentication token\"}"));

        assertThatThrownBy(() -> musicGen().render(SPEC, new ReplicateMock.JobContext(null, false)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("engine_unauthorized");
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).doesNotContain(TOKEN);
                });
    }

    @Test
    void render_sendsThePinnedVersion_andEveryMusicGenInput() throws Exception {
        ReplicateSettings.Tuning tuning = new ReplicateSettings.Tuning("stereo-large", "peak", 0.9, 200, 0.5, 4, 8, 1);
        server.enqueue(prediction(201, "p10", "succeeded", outputUrl(), null));
        server.enqueue(wav(MODEL_WAV));

        engine(settings(MUSICGEN).withTuning(tuning)).render(SPEC, new ReplicateMock.JobContext(null, false));

        JsonNode body = Json.mapper().readTree(server.takeRequest().getBody().readUtf8());
        assertThat(body.get("version").asText()).isEqualTo(MUSICGEN.substring(MUSICGEN.indexOf(':') + 1));
        JsonNode input = body.get("input");
        assertThat(input.get("prompt").asText())
                .contains("driving", "dark", "kick drum", "120 BPM", "A minor", "loop");
        // 8 bars at 120 BPM = 16 s, + 6 % drift margin + one beat, rounded up
        assertThat(input.get("duration").asInt()).isEqualTo(18);
        assertThat(input.get("seed").asLong()).isEqualTo(42);
        assertThat(input.get("output_format").asText()).isEqualTo("wav");
        assertThat(input.get("model_version").asText()).isEqualTo("stereo-large");
        assertThat(input.get("normalization_strategy").asText()).isEqualTo("peak");
        assertThat(input.get("temperature").asDouble()).isEqualTo(0.9);
        assertThat(input.get("top_k").asInt()).isEqualTo(200);
        assertThat(input.get("top_p").asDouble()).isEqualTo(0.5);
        assertThat(input.get("classifier_free_guidance").asInt()).isEqualTo(4);
    }

    @Test
    void render_passesAnAdvancedPromptThrough() throws Exception {
        LoopSpec advanced = new LoopSpec(Mode.ADVANCED, LoopType.TEXTURE, 114, 7, "Fm", -7, 3, false, false, false,
                List.of("latin", "acoustic"), "Latin acoustic pop loop, 114 BPM, 14 seconds");
        server.enqueue(prediction(201, "p11", "succeeded", outputUrl(), null));
        server.enqueue(wav(ModelOutputFixtures.modelWav(LoopType.BASS, 112, 18, 0.2, 32_000, 1, Format.PCM16)));

        musicGen().render(advanced, new ReplicateMock.JobContext(null, false));

        JsonNode input = Json.mapper().readTree(server.takeRequest().getBody().readUtf8()).get("input");
        assertThat(input.get("prompt").asText()).isEqualTo("Latin acoustic pop loop, 114 BPM, 14 seconds");
        assertThat(input.get("seed").asLong()).isEqualTo(-7L & 0x7FFF_FFFFL);
        assertThat(input.get("duration").asInt()).isEqualTo((int) Math.ceil(advanced.durationSeconds() * 1.06 + 60.0 / 114));
    }

    @Test
    void render_createsOnTheOfficialModelRoute_withStableAudioInputs() throws Exception {
        ReplicateSettings.Tuning tuning = new ReplicateSettings.Tuning("stereo-melody-large", "loudness", 1, 250, 0, 3,
                6, 7.5);
        server.enqueue(prediction(201, "sa1", "succeeded", outputUrl(), null));
        server.enqueue(wav(MODEL_WAV));

        engine(settings("stability-ai/stable-audio-2.5").withTuning(tuning))
                .render(SPEC, new ReplicateMock.JobContext(null, false));

        RecordedRequest create = server.takeRequest();
        assertThat(create.getPath()).isEqualTo("/v1/models/stability-ai/stable-audio-2.5/predictions");
        assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode body = Json.mapper().readTree(create.getBody().readUtf8());
        assertThat(body.has("version")).isFalse();
        JsonNode input = body.get("input");
        assertThat(input.get("prompt").asText()).contains("kick drum", "120 BPM", "A minor");
        assertThat(input.get("duration").asInt()).isEqualTo(18);
        assertThat(input.get("steps").asInt()).isEqualTo(6);
        assertThat(input.get("cfg_scale").asDouble()).isEqualTo(7.5);
        assertThat(input.get("seed").asLong()).isEqualTo(42);
        assertThat(input.has("output_format")).isFalse();
        assertThat(input.has("model_version")).isFalse();
    }
}
