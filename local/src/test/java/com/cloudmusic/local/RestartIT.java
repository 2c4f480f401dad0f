package com.cloudmusic.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.audio.WavFile;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.testkit.CapturedLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --data-dir, a stop and a start lose nothing: quota use, jobs, tracks, and unfinished jobs resume. */
class RestartIT {

    private static final String SLOW_LANE = "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":99,\"duration\":2}}";

    @TempDir
    Path dataDir;

    private LocalRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    /** Renders like the real engine, except that jobs at 99 BPM keep failing and wait for a retry. */
    static final class StuckAt99Bpm implements MusicEngine {
        private final MusicEngine real = new ProceduralEngine();

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
            if (spec.bpm() == 99) {
                throw new EngineException("engine_busy", "Try again later.", false);
            }
            return real.render(spec, context);
        }
    }

    private LocalRunner start(MusicEngine engine, Duration retryDelay) {
        LocalRunner.Builder builder = LocalRunner.builder().port(0).dataDir(dataDir).environment(Map.of())
                .retryDelay(retryDelay).log(new CapturedLog().log());
        if (engine != null) {
            builder.engine(engine);
        }
        return builder.start();
    }

    @Test
    void restart_keepsQuotaJobsAndTracks_andFinishesTheJobLeftUnfinished() {
        // First run: one track finishes; another is mid-retry (generating, its message invisible) at shutdown.
        runner = start(new StuckAt99Bpm(), Duration.ofHours(1));
        RunnerClient before = new RunnerClient(runner.url(), "RestartIT");
        String finished = before.requestTrack(RunnerClient.GUIDED);
        before.awaitTrack(finished, status -> status.equals("ready"), Duration.ofSeconds(60));
        String unfinished = before.requestTrack(SLOW_LANE);
        before.awaitTrack(unfinished, status -> status.equals("generating"), Duration.ofSeconds(60));
        runner.close();

        runner = start(null, Duration.ZERO);
        RunnerClient after = new RunnerClient(runner.url(), "RestartIT");

        assertThat(runner.summary().resumedJobs()).isEqualTo(1);
        JsonNode resumed = after.awaitTrack(unfinished, status -> status.equals("ready") || status.equals("failed"),
                Duration.ofSeconds(60));
        assertThat(resumed.at("/status").asText()).isEqualTo("ready");
        assertThat(after.quota().at("/freeRemaining").asInt()).isEqualTo(2);
        JsonNode listed = RunnerClient.json(after.get("/v1/tracks"));
        assertThat(listed.at("/tracks")).extracting(track -> track.at("/id").asText())
                .containsExactlyInAnyOrder(finished, unfinished);
        HttpResponse<String> audio = after.get("/v1/tracks/" + finished + "/audio");
        assertThat(audio.statusCode()).isEqualTo(302);
        WavFile wav = WavFile.parse(RunnerClient.download(URI.create(audio.headers().firstValue("location").orElseThrow())));
        assertThat(wav.frames()).isEqualTo(LoopSpec.framesFor(124, 1));
    }
}
