package com.cloudmusic.tracks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.access.Caller;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.quota.ChargeSource;
import com.cloudmusic.quota.Decision;
import com.cloudmusic.quota.InMemoryQuotaLedger;
import com.cloudmusic.quota.QuotaExhaustedException;
import com.cloudmusic.quota.TooManyActiveJobsException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TrackService's rules on in-memory ports: what is charged, what is decided, what comes back on failure. */
class TrackServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final GenerationRequest GUIDED = GenerationRequestParser.parse(
            "{\"mode\":\"guided\",\"params\":{\"type\":\"bass\",\"bpm\":124,\"duration\":4}}");
    private static final Caller CALLER = Caller.anonymous("fp-1");

    private final InMemoryQuotaLedger ledger = new InMemoryQuotaLedger(4, 3);
    private final InMemoryJobStore jobs = new InMemoryJobStore(ledger);
    private final InMemoryJobQueue queue = new InMemoryJobQueue();
    private final TrackService tracks = new TrackService(ledger, jobs, queue, new InMemoryTrackStore(),
            Clock.fixed(NOW, ZoneOffset.UTC), "procedural", () -> 42L);

    @Test
    void request_chargesAFreeUnit_queuesTheJob_andDecidesAllow() {
        TrackService.Accepted accepted = tracks.request(CALLER, GUIDED);

        assertThat(accepted.decision()).isEqualTo(Decision.allow(ChargeSource.FREE));
        assertThat(accepted.job().status()).isEqualTo(TrackStatus.QUEUED);
        assertThat(queue.sent()).containsExactly(accepted.job().id());
        assertThat(accepted.quota().freeRemaining()).isEqualTo(3);
    }

    @Test
    void request_spendsAWalletCreditBeforeTheFreeAllowance() {
        ledger.addWalletCredits("wallet-hash", 2);

        TrackService.Accepted accepted = tracks.request(new Caller("fp-1", Optional.of("wallet-hash")), GUIDED);

        assertThat(accepted.decision()).isEqualTo(Decision.allow(ChargeSource.WALLET));
        assertThat(ledger.walletCredits("wallet-hash")).isEqualTo(1);
        assertThat(accepted.quota().freeRemaining()).isEqualTo(4);
    }

    @Test
    void request_blocksTheFifthFreeGeneration_withABlockDecision_andWritesNoJob() {
        for (int i = 0; i < 4; i++) {
            finish(tracks.request(CALLER, GUIDED).job());
        }

        assertThatThrownBy(() -> tracks.request(CALLER, GUIDED))
                .isInstanceOfSatisfying(QuotaExhaustedException.class,
                        e -> assertThat(e.decision()).isEqualTo(Decision.block("quota_exhausted")));
        assertThat(jobs.all()).hasSize(4);
    }

    @Test
    void request_refusesAFourthJobInFlight_andChargesNothing() {
        ledger.addCredits("fp-1", 10);
        for (int i = 0; i < 3; i++) {
            tracks.request(CALLER, GUIDED);
        }

        assertThatThrownBy(() -> tracks.request(CALLER, GUIDED)).isInstanceOf(TooManyActiveJobsException.class);
        assertThat(ledger.credits("fp-1")).isEqualTo(7);
    }

    @Test
    void request_givesTheUnitBack_whenTheJobCannotBeWritten() {
        jobs.failNextCreate(new IllegalStateException("throttled"));

        assertThatThrownBy(() -> tracks.request(CALLER, GUIDED))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAVAILABLE);
                    // A failed charge may have landed after all (a timeout): the answer must not promise either way.
                    assertThat(e.getMessage()).contains("If this request reached our records after all")
                            .contains("otherwise nothing was charged");
                });
        assertThat(tracks.quota(CALLER).freeRemaining()).isEqualTo(4);
        assertThat(ledger.activeJobs("fp-1")).isZero();
    }

    @Test
    void request_failsTheJobAndGivesTheUnitBack_whenTheQueueRefuses() {
        queue.makeUnavailable();

        assertThatThrownBy(() -> tracks.request(CALLER, GUIDED)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.getMessage()).contains("nothing was charged").doesNotContain("If this request"));
        assertThat(jobs.all()).singleElement().extracting(Job::status).isEqualTo(TrackStatus.FAILED);
        assertThat(tracks.quota(CALLER).freeRemaining()).isEqualTo(4);
        assertThat(ledger.activeJobs("fp-1")).isZero();
    }

    @Test
    void download_ofATrackNotReady_isNotReady_andOfAnUnknownOne_isNotFound() {
        Job job = tracks.request(CALLER, GUIDED).job();

        assertThatThrownBy(() -> tracks.download(job.id(), TrackFile.WAV))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("not_ready"));
        assertThatThrownBy(() -> tracks.get("3f1c2a9e-8b7d-4c6e-9a51-2d4e6f8a0b1c"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
    }

    @Test
    void download_ofAReadyTrack_namesTheFileForTheDaw() {
        Job job = tracks.request(CALLER, GUIDED).job();
        finish(job);

        assertThat(tracks.download(job.id(), TrackFile.WAV).toString())
                .contains("name=cloudmusic_bass_124bpm_").contains("bar_" + job.id().replace("-", "").substring(0, 8) + ".wav");
    }

    private void finish(Job job) {
        jobs.startGenerating(job.id(), NOW);
        jobs.markReady(job, new JobStore.ReadyTrack("procedural", null, job.spec().bars(), false, false), NOW);
    }
}
