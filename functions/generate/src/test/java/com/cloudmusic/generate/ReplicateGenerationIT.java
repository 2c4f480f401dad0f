package com.cloudmusic.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.cloudmusic.access.Caller;
import com.cloudmusic.audio.WavFile;
import com.cloudmusic.audio.WavWriter;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.config.Env;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.engine.Engines;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.engine.replicate.ReplicateClient;
import com.cloudmusic.engine.replicate.ReplicateEngine;
import com.cloudmusic.engine.replicate.ReplicateSettings;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.outbound.Sleeper;
import com.cloudmusic.quota.Charge;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.testkit.CapturedLog;
import com.cloudmusic.testkit.MutableClock;
import com.cloudmusic.tracks.GenerationRequest;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.SpecResolver;
import com.cloudmusic.tracks.TrackStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The generate function with MUSIC_ENGINE=replicate on the emulators (DynamoDB Local, S3Proxy), with a
 * MockWebServer playing Replicate: the track reaches S3 before the job says ready, records what engine
 * made it and the tempo measured; a failing model falls back or gives the unit back; a slow prediction
 * is resumed by the next receive without a second create.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class ReplicateGenerationIT {

    private static final String TOKEN = "r8_it_token";
    private static final int TRUE_BPM = 114;
    /** The "model" output: 9 bars of a procedural kick loop at 114 BPM, although 120 was asked. */
    private static final byte[] MODEL_WAV = modelWav();

    private MockWebServer replicate;
    private final AtomicReference<String> predictionStatus = new AtomicReference<>("succeeded");
    private final AtomicInteger creates = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    private static byte[] modelWav() {
        LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.KICK, TRUE_BPM, 9, "Am", 3, 4, false, false, false,
                List.of(), "");
        RenderedLoop loop = new ProceduralEngine().render(spec, EngineContext.detached("fixture"));
        return WavWriter.write(loop, new WavWriter.Info("model output", null));
    }

    @BeforeEach
    void startReplicate() throws IOException {
        replicate = new MockWebServer();
        replicate.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String call = request.getMethod() + " " + request.getPath();
                if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization")) && !call.startsWith("GET /files/")) {
                    return new MockResponse().setResponseCode(401).setBody("{\"detail\":\"Invalid token.\"}");
                }
                if (call.equals("POST /v1/predictions")) {
                    creates.incrementAndGet();
                    return prediction(201);
                }
                if (call.equals("GET /v1/predictions/pred-1")) {
                    return prediction(200);
                }
                if (call.equals("POST /v1/predictions/pred-1/cancel")) {
                    predictionStatus.set("canceled");
                    return prediction(200);
                }
                if (call.equals("GET /files/pred-1.wav")) {
                    return new MockResponse().setHeader("Content-Type", "audio/wav").setBody(new Buffer().write(MODEL_WAV));
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        replicate.start();
    }

    @AfterEach
    void stopReplicate() throws IOException {
        replicate.shutdown();
    }

    private MockResponse prediction(int code) {
        String status = predictionStatus.get();
        String output = status.equals("succeeded") ? "\"" + replicate.url("/files/pred-1.wav") + "\"" : "null";
        String error = status.equals("failed") ? "\"The model crashed\"" : "null";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody("{\"id\":\"pred-1\",\"status\":\"" + status + "\",\"output\":" + output + ",\"error\":" + error
                        + ",\"urls\":{\"get\":\"x\",\"cancel\":\"y\"}}");
    }

    private Env env(AwsStack stack, String... extra) {
        Map<String, String> values = new HashMap<>(stack.environment());
        values.put("MUSIC_ENGINE", "replicate");
        values.put("REPLICATE_API_TOKEN", TOKEN);
        values.put("REPLICATE_BASE_URL", replicate.url("/").toString());
        for (int i = 0; i < extra.length; i += 2) {
            values.put(extra[i], extra[i + 1]);
        }
        return new Env(values);
    }

    private final CapturedLog log = new CapturedLog();

    private GenerateFunction function(AwsStack stack, Env env, MusicEngine engine) {
        return new GenerateFunction(GenerateWiring.from(env, engine, clock, log.log()));
    }

    private static final class Arranged {
        final Job job;
        final Caller caller;
        final DynamoQuotaLedger ledger;
        final DynamoJobStore jobs;

        Arranged(Job job, Caller caller, DynamoQuotaLedger ledger, DynamoJobStore jobs) {
            this.job = job;
            this.caller = caller;
            this.ledger = ledger;
            this.jobs = jobs;
        }
    }

    /** A guided request for a 120 BPM, 8-bar kick loop, charged to a fresh caller's free allowance. */
    private Arranged queuedJob(AwsStack stack) {
        Caller caller = Caller.anonymous("fp-" + UUID.randomUUID());
        DynamoQuotaLedger ledger = new DynamoQuotaLedger(stack.dynamoDb(), stack.tableName(), 4, 3);
        GenerationRequest request = new GenerationRequest(Mode.GUIDED, LoopType.KICK, 120, 4, 16.0, false, false,
                false, "Am", 42L, null, false, Map.of("type", "kick", "bpm", 120, "duration", 16));
        String id = UUID.randomUUID().toString();
        Charge charge = ledger.charge(caller, 1, taken -> List.of(Job.queued(id, caller.fingerprint(), request,
                SpecResolver.resolve(request, 1L), taken, "replicate", clock.instant())), clock.instant());
        Job job = Job.queued(id, caller.fingerprint(), request,
                SpecResolver.resolve(request, 1L), charge, "replicate", clock.instant());
        DynamoJobStore jobs = new DynamoJobStore(stack.dynamoDb(), stack.tableName());
        return new Arranged(job, caller, ledger, jobs);
    }

    private static SQSEvent delivery(String jobId, int receiveCount) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-" + receiveCount);
        message.setBody("{\"jobId\":\"" + jobId + "\"}");
        message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        message.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:jobs");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    @Test
    void job_endsReady_withTheReplicateTrackInS3_itsMeasuredTempo_andTheEngineRecorded(AwsStack stack) {
        Env env = env(stack);
        Arranged arranged = queuedJob(stack);

        SQSBatchResponse response = function(stack, env, Engines.fromEnvironment(env))
                .handleRequest(delivery(arranged.job.id(), 1), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        Job ready = arranged.jobs.find(arranged.job.id()).orElseThrow();
        assertThat(ready.status()).isEqualTo(TrackStatus.READY);
        assertThat(ready.engine()).isEqualTo("replicate");
        assertThat(ready.spec().bpm()).isEqualTo(120);
        assertThat(ready.measuredBpm()).isCloseTo(TRUE_BPM, within(TRUE_BPM * 0.02));
        assertThat(ready.remoteId()).isEqualTo("pred-1");
        byte[] stored = stack.s3().getObjectAsBytes(b -> b.bucket(stack.bucketName())
                .key("tracks/" + arranged.job.id() + ".wav")).asByteArray();
        WavFile wav = WavFile.parse(stored);
        ByteBuffer acid = ByteBuffer.wrap(wav.chunk("acid").orElseThrow()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat((double) acid.getFloat(20)).isCloseTo(ready.measuredBpm(), within(0.001));
        assertThat(wav.frames()).isEqualTo(LoopSpec.framesFor(acid.getFloat(20), acid.getInt(12) / 4));
        assertThat(stack.s3().headObject(b -> b.bucket(stack.bucketName())
                .key("tracks/" + arranged.job.id() + ".mp3")).contentLength()).isPositive();
        assertThat(creates.get()).isEqualTo(1);
    }

    @Test
    void job_endsReadyFromTheProceduralEngine_whenTheModelFails_andTheFallbackIsOn(AwsStack stack) {
        predictionStatus.set("failed");
        Env env = env(stack, "ENGINE_FALLBACK", "procedural");
        Arranged arranged = queuedJob(stack);

        SQSBatchResponse response = function(stack, env, Engines.fromEnvironment(env))
                .handleRequest(delivery(arranged.job.id(), 1), null);

        assertThat(response.getBatchItemFailures()).as(String.join("\n", log.lines())).isEmpty();
        Job ready = arranged.jobs.find(arranged.job.id()).orElseThrow();
        assertThat(ready.status()).isEqualTo(TrackStatus.READY);
        assertThat(ready.engine()).isEqualTo("procedural");
        assertThat(ready.measuredBpm()).isNull();
        assertThat(stack.s3().headObject(b -> b.bucket(stack.bucketName())
                .key("tracks/" + arranged.job.id() + ".wav")).contentLength()).isPositive();
        assertThat(arranged.ledger.quota(arranged.caller, clock.instant()).freeRemaining()).isEqualTo(3);
    }

    @Test
    void job_failsAndGivesTheUnitBack_whenTheModelFails_withoutAFallback(AwsStack stack) {
        predictionStatus.set("failed");
        Env env = env(stack);
        Arranged arranged = queuedJob(stack);
        assertThat(arranged.ledger.quota(arranged.caller, clock.instant()).freeRemaining()).isEqualTo(3);

        SQSBatchResponse response = function(stack, env, Engines.fromEnvironment(env))
                .handleRequest(delivery(arranged.job.id(), 1), null);

        assertThat(response.getBatchItemFailures()).isEmpty(); // failed for good: no point retrying
        Job failed = arranged.jobs.find(arranged.job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TrackStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo("engine_failed");
        assertThat(failed.errorMessage()).contains("The model crashed", "unit was given back");
        assertThat(arranged.ledger.quota(arranged.caller, clock.instant()).freeRemaining()).isEqualTo(4);
    }

    @Test
    void job_failsAndGivesTheUnitBack_whenNoTokenIsConfigured(AwsStack stack) {
        Env env = env(stack, "REPLICATE_API_TOKEN", "");
        Arranged arranged = queuedJob(stack);

        function(stack, env, Engines.fromEnvironment(env)).handleRequest(delivery(arranged.job.id(), 1), null);

        Job failed = arranged.jobs.find(arranged.job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TrackStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo("engine_unavailable");
        assertThat(arranged.ledger.quota(arranged.caller, clock.instant()).freeRemaining()).isEqualTo(4);
        assertThat(replicate.getRequestCount()).isZero();
    }

    @Test
    void slowPrediction_isResumedByTheNextReceive_withoutASecondCreate(AwsStack stack) {
        predictionStatus.set("processing");
        Env env = env(stack);
        // The production engine with a clock that jumps instead of sleeping, and a 20 s deadline.
        Sleeper sleeper = duration -> clock.advance(duration);
        ReplicateSettings settings = ReplicateSettings.from(env).withDeadline(Duration.ofSeconds(20));
        ReplicateEngine engine = new ReplicateEngine(new ReplicateClient(
                settings.baseUrl(), TOKEN, settings.maxOutputBytes(), sleeper, clock), settings, sleeper, clock);
        GenerateFunction function = function(stack, env, engine);
        Arranged arranged = queuedJob(stack);

        SQSBatchResponse first = function.handleRequest(delivery(arranged.job.id(), 1), null);

        assertThat(first.getBatchItemFailures()).hasSize(1); // back to the queue, not failed
        Job waiting = arranged.jobs.find(arranged.job.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(TrackStatus.GENERATING);
        assertThat(waiting.remoteId()).isEqualTo("pred-1");

        predictionStatus.set("succeeded");
        SQSBatchResponse second = function.handleRequest(delivery(arranged.job.id(), 2), null);

        assertThat(second.getBatchItemFailures()).isEmpty();
        Job ready = arranged.jobs.find(arranged.job.id()).orElseThrow();
        assertThat(ready.status()).isEqualTo(TrackStatus.READY);
        assertThat(ready.engine()).isEqualTo("replicate");
        assertThat(creates.get()).isEqualTo(1);
    }

    @Test
    void slowPrediction_isCanceledOnTheLastReceive_andTheUnitGivenBack(AwsStack stack) {
        predictionStatus.set("processing");
        Env env = env(stack);
        Sleeper sleeper = duration -> clock.advance(duration);
        ReplicateSettings settings = ReplicateSettings.from(env).withDeadline(Duration.ofSeconds(20));
        ReplicateEngine engine = new ReplicateEngine(new ReplicateClient(
                settings.baseUrl(), TOKEN, settings.maxOutputBytes(), sleeper, clock), settings, sleeper, clock);
        Arranged arranged = queuedJob(stack);

        function(stack, env, engine).handleRequest(delivery(arranged.job.id(), 3), null);

        assertThat(predictionStatus.get()).isEqualTo("canceled");
        Job failed = arranged.jobs.find(arranged.job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TrackStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo("engine_timeout");
        assertThat(arranged.ledger.quota(arranged.caller, clock.instant()).freeRemaining()).isEqualTo(4);
    }
}
