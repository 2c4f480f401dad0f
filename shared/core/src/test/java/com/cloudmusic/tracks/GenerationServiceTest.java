package com.cloudmusic.tracks;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.access.Caller;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.quota.InMemoryQuotaLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GenerationService's job lifecycle on in-memory ports and a scripted engine. */
class GenerationServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Caller CALLER = Caller.anonymous("fp-gen");

    private final InMemoryQuotaLedger ledger = new InMemoryQuotaLedger(4, 3);
    private final InMemoryJobStore jobs = new InMemoryJobStore(ledger);
    private final InMemoryTrackStore files = new InMemoryTrackStore();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ScriptedEngine engine = new ScriptedEngine();
    private final GenerationService generation = new GenerationService(jobs, files, engine,
            (loop, title, comment) -> new LoopFiles(new byte[] {1}, new byte[] {2}, null), clock);
    private final TrackService tracks = new TrackService(ledger, jobs, new InMemoryJobQueue(), files, clock, "procedural",
            () -> 7L);

    @Test
    void process_storesTheFilesBeforeMarkingReady_andFreesTheSlot() {
        Job job = queued();

        assertThat(generation.process(job.id(), 1).outcome()).isEqualTo(GenerationService.Outcome.DONE);

        Job ready = jobs.find(job.id()).orElseThrow();
        assertThat(ready.status()).isEqualTo(TrackStatus.READY);
        assertThat(ready.hasMp3()).isTrue();
        assertThat(ready.hasWaveform()).isFalse();
        assertThat(files.has(job.id())).isTrue();
        assertThat(ledger.activeJobs("fp-gen")).isZero();
        assertThat(tracks.quota(CALLER).freeRemaining()).isEqualTo(3);
    }

    @Test
    void process_transientFailure_retriesWithTheUnitStillCharged_thenGivesItBackOnTheLastReceive() {
        Job job = queued();
        engine.fail(new EngineException("engine_busy", "busy", false), 3);

        assertThat(generation.process(job.id(), 1).outcome()).isEqualTo(GenerationService.Outcome.RETRY);
        assertThat(tracks.quota(CALLER).freeRemaining()).isEqualTo(3);
        assertThat(generation.process(job.id(), 2).outcome()).isEqualTo(GenerationService.Outcome.RETRY);
        GenerationService.Attempt last = generation.process(job.id(), 3);
        assertThat(last.outcome()).isEqualTo(GenerationService.Outcome.RETRY);
        // What the handler logs and counts: failed for good on the last receive, with the engine's code.
        assertThat(last.result()).isEqualTo("failed");
        assertThat(last.errorCode()).isEqualTo("engine_busy");

        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(TrackStatus.FAILED);
        assertThat(tracks.quota(CALLER).freeRemaining()).isEqualTo(4);
        assertThat(engine.lastAttemptFlags).containsExactly(false, false, true);
    }

    @Test
    void retryDelay_backsOff15Then60Then240Seconds_andTheWorstCaseToFailedForGoodIsMinutes() {
        assertThat(List.of(GenerationService.retryDelay(1), GenerationService.retryDelay(2), GenerationService.retryDelay(3)))
                .containsExactly(java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(60),
                        java.time.Duration.ofSeconds(240));
        // Three attempts of at most the generate timeout (150 s) and the two waits between them.
        java.time.Duration worstCase = java.time.Duration.ofSeconds(150 * GenerationService.MAX_RECEIVES)
                .plus(GenerationService.retryDelay(1)).plus(GenerationService.retryDelay(2));
        assertThat(worstCase).isEqualTo(java.time.Duration.ofSeconds(525));
    }

    @Test
    void process_lastFailure_saysTheUnitWasGivenBack_andPromisesNoRetry() {
        Job job = queued();
        engine.fail(new EngineException("engine_unavailable", "Replicate is unavailable (HTTP 503).", false), 3);

        for (int receive = 1; receive <= GenerationService.MAX_RECEIVES; receive++) {
            generation.process(job.id(), receive);
        }

        assertThat(jobs.find(job.id()).orElseThrow().errorMessage())
                .isEqualTo("Replicate is unavailable (HTTP 503). Your unit was given back.");
    }

    @Test
    void process_permanentFailure_failsAtOnce_andGivesTheUnitBack() {
        Job job = queued();
        engine.fail(new EngineException("bad_spec", "cannot render", true), 1);

        assertThat(generation.process(job.id(), 1).outcome()).isEqualTo(GenerationService.Outcome.DONE);

        Job failed = jobs.find(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TrackStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo("bad_spec");
        assertThat(tracks.quota(CALLER).freeRemaining()).isEqualTo(4);
    }

    @Test
    void process_redeliveryOfAReadyJob_changesNothing() {
        Job job = queued();
        generation.process(job.id(), 1);

        assertThat(generation.process(job.id(), 2).outcome()).isEqualTo(GenerationService.Outcome.DONE);

        assertThat(engine.renders).isEqualTo(1);
        assertThat(ledger.activeJobs("fp-gen")).isZero();
    }

    @Test
    void deadLettered_givesTheUnitBackExactlyOnce_howeverOftenItArrives() {
        Job job = queued();

        generation.deadLettered(job.id());
        generation.deadLettered(job.id());

        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(TrackStatus.FAILED);
        assertThat(tracks.quota(CALLER).freeRemaining()).isEqualTo(4);
        assertThat(ledger.activeJobs("fp-gen")).isZero();
    }

    private Job queued() {
        return tracks.request(CALLER, GenerationRequestParser.parse(
                "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":120,\"duration\":2}}")).job();
    }

    /** Renders a short silent loop, or fails as told. */
    private static final class ScriptedEngine implements MusicEngine {
        private final Deque<EngineException> failures = new ArrayDeque<>();
        final List<Boolean> lastAttemptFlags = new ArrayList<>();
        int renders;

        void fail(EngineException failure, int times) {
            for (int i = 0; i < times; i++) {
                failures.add(failure);
            }
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
            lastAttemptFlags.add(context.lastAttempt());
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            renders++;
            return new RenderedLoop(new float[64], new float[64], spec.bpm(), null, spec.bars(), spec.key(), false, name());
        }
    }
}
