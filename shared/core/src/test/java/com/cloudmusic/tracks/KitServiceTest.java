package com.cloudmusic.tracks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.access.Caller;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.KitEngine;
import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedKit;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.quota.InMemoryQuotaLedger;
import com.cloudmusic.quota.QuotaExhaustedException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A kit's billing and lifecycle on in-memory ports: 4 units and one slot, all made or all given back. */
class KitServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Caller CALLER = Caller.anonymous("fp-kit");
    private static final GenerationRequest KIT = GenerationRequestParser.parseKit(
            "{\"mode\":\"guided\",\"params\":{\"bpm\":124,\"duration\":8,\"key\":\"F#m\"}}");
    private static final GenerationRequest TRACK = GenerationRequestParser.parse(
            "{\"mode\":\"guided\",\"params\":{\"type\":\"bass\",\"bpm\":124}}");

    private final InMemoryQuotaLedger ledger = new InMemoryQuotaLedger(4, 3);
    private final InMemoryJobStore jobs = new InMemoryJobStore(ledger);
    private final InMemoryJobQueue queue = new InMemoryJobQueue();
    private final InMemoryTrackStore files = new InMemoryTrackStore();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TrackService tracks = new TrackService(ledger, jobs, queue, files, clock, "replicate", () -> 7L);

    private static final KitEngine KITS = spec -> {
        Map<KitPart, RenderedLoop> parts = new EnumMap<>(KitPart.class);
        for (KitPart part : KitPart.values()) {
            parts.put(part, new RenderedLoop(new float[4], new float[4], spec.bpm(), null, spec.bars(), spec.key(), false,
                    "procedural", new byte[] {1}));
        }
        return new RenderedKit(parts);
    };

    private GenerationService generation(KitEngine kits) {
        MusicEngine trackEngine = new MusicEngine() {
            @Override
            public String name() {
                return "replicate";
            }

            @Override
            public RenderedLoop render(LoopSpec spec, EngineContext context) {
                throw new AssertionError("a kit is not rendered by the track engine");
            }
        };
        return new GenerationService(jobs, files, trackEngine, kits, (loop, title, comment) -> new LoopFiles(new byte[] {1}, new byte[] {2}, new byte[] {3}, loop.midi()), clock);
    }

    @Test
    void requestKit_chargesFourUnits_holdsOneSlot_andQueuesOneProceduralJob() {
        TrackService.Accepted accepted = tracks.requestKit(CALLER, KIT);

        assertThat(accepted.charge().units()).isEqualTo(4);
        assertThat(accepted.job().isKit()).isTrue();
        assertThat(accepted.job().engine()).isEqualTo("procedural");
        assertThat(accepted.job().spec().bars()).isEqualTo(4);
        assertThat(accepted.quota().freeRemaining()).isZero();
        assertThat(ledger.activeJobs("fp-kit")).isEqualTo(1);
        assertThat(queue.sent()).containsExactly(accepted.job().id());
    }

    @Test
    void requestKit_isRefusedAndChargesNothing_withThreeUnitsLeft() {
        tracks.request(CALLER, TRACK);

        assertThatThrownBy(() -> tracks.requestKit(CALLER, KIT)).isInstanceOf(QuotaExhaustedException.class);

        assertThat(tracks.quota(CALLER).freeRemaining()).isEqualTo(3);
        assertThat(jobs.all()).hasSize(1);
        assertThat(ledger.activeJobs("fp-kit")).isEqualTo(1);
    }

    @Test
    void requestKit_givesAllFourUnitsBack_whenTheQueueIsDown() {
        queue.makeUnavailable();

        assertThatThrownBy(() -> tracks.requestKit(CALLER, KIT)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo("service_unavailable"));

        assertThat(tracks.quota(CALLER).freeRemaining()).isEqualTo(4);
        assertThat(ledger.activeJobs("fp-kit")).isZero();
    }

    @Test
    void process_makesEveryPartAReadyTrack_storesTheZip_thenMarksTheKitReady() {
        String id = tracks.requestKit(CALLER, KIT).job().id();

        assertThat(generation(KITS).process(id, 1).result()).isEqualTo("ready");

        TrackService.Kit kit = tracks.kit(id);
        assertThat(kit.job().status()).isEqualTo(TrackStatus.READY);
        assertThat(kit.parts()).extracting(job -> job.kitPart().orElseThrow()).containsExactly(KitPart.values());
        assertThat(kit.parts()).allMatch(part -> part.status() == TrackStatus.READY && part.formats().size() == 3);
        assertThat(files.read(id, TrackFile.ZIP)).isNotEmpty();
        assertThat(tracks.kitZip(id).toString()).contains("cloudmusic_").contains("_kit_124bpm_Fsharpm.zip");
        assertThat(tracks.get(KitPart.MIX.trackId(id)).fileName("wav")).endsWith("_mix_124bpm_Fsharpm.wav");
        assertThat(tracks.recent(CALLER, 50)).isEmpty();
        assertThat(ledger.activeJobs("fp-kit")).isZero();
        assertThat(tracks.quota(CALLER).freeRemaining()).isZero();
    }

    @Test
    void process_failingKitForGood_givesAllFourUnitsBack_once() {
        String id = tracks.requestKit(CALLER, KIT).job().id();
        GenerationService failing = generation(spec -> {
            throw new EngineException("engine_failed", "no", true);
        });

        assertThat(failing.process(id, 1).result()).isEqualTo("failed");
        assertThat(failing.deadLettered(id).result()).isEqualTo("skipped");

        assertThat(tracks.kit(id).job().status()).isEqualTo(TrackStatus.FAILED);
        assertThat(tracks.kit(id).parts()).isEmpty();
        assertThat(tracks.quota(CALLER).freeRemaining()).isEqualTo(4);
        assertThat(ledger.activeJobs("fp-kit")).isZero();
    }

    @Test
    void deadLetteredKit_saysAllFourUnitsWereGivenBack() {
        String id = tracks.requestKit(CALLER, KIT).job().id();

        generation(KITS).deadLettered(id);

        assertThat(tracks.kit(id).job().errorMessage()).endsWith("your 4 units were given back.");
        assertThat(tracks.quota(CALLER).freeRemaining()).isEqualTo(4);
    }

    @Test
    void kitZip_isNotReady_beforeTheKitIs() {
        String id = tracks.requestKit(CALLER, KIT).job().id();

        assertThatThrownBy(() -> tracks.kitZip(id)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_READY));
        assertThatThrownBy(() -> tracks.get(id)).as("a kit is no track").isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
    }
}
