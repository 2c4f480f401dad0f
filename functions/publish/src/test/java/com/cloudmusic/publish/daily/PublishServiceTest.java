package com.cloudmusic.publish.daily;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.audio.WavWriter;
import com.cloudmusic.engine.ToneEngine;
import com.cloudmusic.log.JsonLog;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopEncoder;
import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.publish.teaser.Teaser;
import com.cloudmusic.publish.teaser.TeaserMaker;
import com.cloudmusic.quota.Charge;
import com.cloudmusic.quota.InMemoryQuotaLedger;
import com.cloudmusic.testkit.MutableClock;
import com.cloudmusic.tracks.InMemoryJobStore;
import com.cloudmusic.tracks.InMemoryTrackStore;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.JobStore;
import com.cloudmusic.tracks.LoopMaker;
import com.cloudmusic.tracks.SpecResolver;
import com.cloudmusic.tracks.TrackStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The daily run's rules on in-memory ports (no network, no emulators): the track of the day once,
 * each teaser at most once per channel, failures retried by later runs within their limits, and the
 * watermark never passing a track a later run must come back to. {@code PublishFunctionIT},
 * {@code OutboxPublishIT} and {@code ChannelsPublishIT} run the same service on the emulators.
 */
class PublishServiceTest {

    private static final Instant START = Instant.parse("2026-11-24T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryJobStore jobs = new InMemoryJobStore(new InMemoryQuotaLedger(4, 3));
    private final InMemoryTrackStore tracks = new InMemoryTrackStore();
    private final InMemoryDeliveryLedger deliveries = new InMemoryDeliveryLedger();
    private final InMemoryPublishJournal journal = new InMemoryPublishJournal();
    private final List<SharedTracks.Entry> index = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, byte[]> files = Collections.synchronizedMap(new HashMap<>());
    private final ScriptedChannel telegram = new ScriptedChannel("telegram");
    private final ScriptedChannel discord = new ScriptedChannel("discord");
    private final SwitchableEngine engine = new SwitchableEngine();

    @Test
    void firstRun_makesTheTrackOfTheDay_ownedByTheSystemAndChargedNothing_andPostsItToEveryChannel() {
        RunSummary summary = service().run();

        String daily = summary.trackOfTheDayId();
        Job job = jobs.find(daily).orElseThrow();
        assertThat(job.status()).isEqualTo(TrackStatus.READY);
        assertThat(job.owner()).isEqualTo(TrackOfTheDay.SYSTEM_OWNER);
        assertThat(job.charge()).isEqualTo(Charge.none());
        assertThat(job.share()).isTrue();
        assertThat(tracks.has(daily)).isTrue();
        assertThat(telegram.postedTracks()).containsExactly(daily);
        assertThat(discord.postedTracks()).containsExactly(daily);
        assertThat(files).containsKeys("teasers/" + daily + ".mp3", "teasers/" + daily + ".jpg");
    }

    @Test
    void laterRunsOnTheSameDay_keepTheSameTrackOfTheDay_andPostNothingTwice() {
        String daily = service().run().trackOfTheDayId();

        clock.advance(Duration.ofMinutes(5)); // within the overlap, so the day's track is a candidate again
        RunSummary again = service().run();

        assertThat(again.trackOfTheDayId()).isEqualTo(daily);
        assertThat(again.toMap().get("trackOfTheDay")).isEqualTo(Map.of("id", daily, "status", "existing"));
        assertThat(again.posted()).isEmpty();
        assertThat(again.skipped()).extracting(s -> s.get("reason")).containsOnly("already_posted").hasSize(2);
        assertThat(telegram.postedTracks()).containsExactly(daily);
        assertThat(engine.renders).isEqualTo(1);
    }

    @Test
    void theNextDay_makesANewTrackOfTheDay() {
        String first = service().run().trackOfTheDayId();

        clock.advance(Duration.ofDays(1));
        String second = service().run().trackOfTheDayId();

        assertThat(second).isNotEqualTo(first);
        assertThat(telegram.postedTracks()).containsExactly(first, second);
    }

    @Test
    void sharedTracksReadySinceTheLastRun_arePosted_andTracksThatAreNotSharedReadyOrStored_areRefused() {
        service().run();
        clock.advance(Duration.ofHours(1));
        Job shared = userTrack(true);
        Job unshared = userTrack(false); // the index is eventually consistent; the job has the last word
        index.add(new SharedTracks.Entry("no-such-track", clock.instant()));
        clock.advance(Duration.ofMinutes(1));

        RunSummary summary = service().run();

        assertThat(telegram.postedTracks()).endsWith(shared.id()).doesNotContain(unshared.id());
        assertThat(summary.refused()).extracting(r -> r.get("jobId") + ":" + r.get("reason"))
                .containsExactlyInAnyOrder(unshared.id() + ":not_shared", "no-such-track:not_found");
    }

    @Test
    void aTransientFailure_holdsTheWatermarkBeforeTheTrack_andALaterRunPostsItWithoutPostingTwiceElsewhere() {
        service().run();
        clock.advance(Duration.ofHours(1));
        Job shared = userTrack(true);
        clock.advance(Duration.ofHours(1));
        telegram.next(DeliveryOutcome.failedTransient("429 Too Many Requests"));

        RunSummary failing = service().run();

        assertThat(failing.failed()).extracting(f -> f.get("jobId") + ":" + f.get("permanent"))
                .containsExactly(shared.id() + ":false");
        assertThat(journal.watermark()).get().matches(w -> w.isBefore(shared.updatedAt()));

        clock.advance(Duration.ofHours(1));
        service().run();

        assertThat(telegram.postedTracks()).endsWith(shared.id());
        assertThat(discord.postedTracks()).filteredOn(shared.id()::equals).hasSize(1);
        assertThat(journal.watermark()).get().matches(w -> w.isAfter(shared.updatedAt()));
    }

    @Test
    void aDeliveryThatKeepsFailingTransiently_isTriedAtMostMaxAttemptsTimes_thenTheWatermarkMovesOn() {
        service().run();
        clock.advance(Duration.ofHours(1));
        Job shared = userTrack(true);
        telegram.failAlways(DeliveryOutcome.failedTransient("503 Service Unavailable"));

        for (int run = 0; run < DeliveryLedger.MAX_ATTEMPTS + 2; run++) {
            clock.advance(Duration.ofHours(1));
            service().run();
        }

        assertThat(telegram.attemptsFor(shared.id())).isEqualTo(DeliveryLedger.MAX_ATTEMPTS);
        assertThat(deliveries.attempts(shared.id(), "telegram")).isEqualTo(DeliveryLedger.MAX_ATTEMPTS);
        assertThat(journal.watermark()).get().matches(w -> w.isAfter(shared.updatedAt()));
        assertThat(discord.postedTracks()).filteredOn(shared.id()::equals).hasSize(1);
    }

    @Test
    void aPermanentFailure_isNeverRetried() {
        service().run();
        clock.advance(Duration.ofHours(1));
        Job shared = userTrack(true);
        telegram.next(new DeliveryOutcome.FailedPermanent("403 Forbidden: bot was blocked"));

        clock.advance(Duration.ofMinutes(1));
        service().run();
        clock.advance(Duration.ofMinutes(1)); // inside the overlap: the track is a candidate again
        RunSummary again = service().run();

        assertThat(telegram.attemptsFor(shared.id())).isEqualTo(1);
        assertThat(again.skipped()).extracting(s -> s.get("jobId") + ":" + s.get("channel") + ":" + s.get("reason"))
                .contains(shared.id() + ":telegram:failed_earlier: 403 Forbidden: bot was blocked");
    }

    @Test
    void aChannelThatThrows_doesNotStopTheOtherChannels() {
        telegram.throwOnPost(new IllegalStateException("bug"));

        RunSummary summary = service().run();

        assertThat(discord.postedTracks()).containsExactly(summary.trackOfTheDayId());
        assertThat(summary.failed()).extracting(f -> f.get("channel") + ":" + f.get("reason"))
                .containsExactly("telegram:unexpected IllegalStateException");
    }

    @Test
    void anEngineFailure_leavesTheDayWithoutATrackForNow_stillPostsSharedTracks_andALaterRunMakesIt() {
        Job shared = userTrack(true);
        clock.advance(Duration.ofMinutes(1));
        engine.failing.set(true);

        RunSummary failed = service().run();

        assertThat(failed.toMap().get("trackOfTheDay")).asString().contains("failed").contains("engine_down");
        assertThat(telegram.postedTracks()).containsExactly(shared.id());

        engine.failing.set(false);
        clock.advance(Duration.ofMinutes(30));
        RunSummary retried = service().run();

        assertThat(retried.trackOfTheDayId()).isNotNull();
        assertThat(jobs.find(retried.trackOfTheDayId())).get().extracting(Job::status).isEqualTo(TrackStatus.READY);
        assertThat(telegram.postedTracks()).containsExactly(shared.id(), retried.trackOfTheDayId());
    }

    @Test
    void theFirstRunLooksBackOneDay_andNoRunLooksBackMoreThanAWeek() {
        Job twoDaysOld = userTrack(true, START.minus(Duration.ofDays(2)));
        Job anHourOld = userTrack(true, START.minus(Duration.ofHours(1)));

        service().run();

        assertThat(telegram.postedTracks()).contains(anHourOld.id()).doesNotContain(twoDaysOld.id());

        Instant late = START.plus(Duration.ofDays(10));
        Job eightDaysBefore = userTrack(true, late.minus(Duration.ofDays(8)));
        Job sixDaysBefore = userTrack(true, late.minus(Duration.ofDays(6)));
        clock.set(late);
        InMemoryPublishJournal stale = new InMemoryPublishJournal(); // its last run was a month ago
        stale.advance(late.minus(Duration.ofDays(30)), late.minus(Duration.ofDays(30)));

        service(stale).run();

        assertThat(telegram.postedTracks()).contains(sixDaysBefore.id()).doesNotContain(eightDaysBefore.id());
    }

    @Test
    void concurrentRuns_makeOneTrackOfTheDay_andPostEachTrackOncePerChannel() throws Exception {
        Job shared = userTrack(true);
        clock.advance(Duration.ofMinutes(1));
        int runs = 6;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<RunSummary>> futures = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return service().run();
                }));
            }
            go.countDown();
            for (Future<RunSummary> future : futures) {
                future.get(); // rethrows what a run threw
            }
        } finally {
            pool.shutdownNow();
        }

        String daily = jobs.listByOwner(TrackOfTheDay.SYSTEM_OWNER, 10).get(0).id();
        assertThat(engine.renders).isEqualTo(1);
        assertThat(telegram.postedTracks()).containsExactlyInAnyOrder(shared.id(), daily);
        assertThat(discord.postedTracks()).containsExactlyInAnyOrder(shared.id(), daily);
    }

    private PublishService service() {
        return service(journal);
    }

    private PublishService service(PublishJournal journalToUse) {
        SharedTracks shared = (after, until) -> {
            synchronized (index) {
                return index.stream().filter(e -> e.readyAt().isAfter(after) && !e.readyAt().isAfter(until))
                        .sorted((a, b) -> a.readyAt().compareTo(b.readyAt())).toList();
            }
        };
        PublishFiles publishFiles = new PublishFiles() {
            @Override
            public void saveTeaser(String trackId, Teaser teaser) {
                files.put("teasers/" + trackId + ".mp3", teaser.mp3());
                files.put("teasers/" + trackId + ".jpg", teaser.cover());
            }

            @Override
            public void saveJson(String key, byte[] json) {
                files.put(key, json);
            }
        };
        return new PublishService(new PublishService.Parts(jobs, tracks, engine, deliveries, journalToUse, shared,
                publishFiles, List.of(telegram, discord), new TeaserMaker(2), "https://cloudmusic.example/", clock,
                new JsonLog(line -> { })));
    }

    private Job userTrack(boolean share) {
        return userTrack(share, clock.instant());
    }

    /** A caller's track, made and stored as the generate function does, ready at {@code readyAt}. */
    private Job userTrack(boolean share, Instant readyAt) {
        TrackOfTheDay.Choice choice = TrackOfTheDay.forDate(LocalDate.parse("2026-01-01"));
        LoopSpec spec = oneBar(SpecResolver.resolve(choice.request(), readyAt.toEpochMilli()));
        String id = "user-" + readyAt.toEpochMilli() + "-" + share;
        try {
            // WAV only: the teaser is cut from the WAV, and skipping the MP3 keeps the unit tier fast.
            LoopEncoder wavOnly = (loop, title, comment) ->
                    new LoopFiles(WavWriter.write(loop, new WavWriter.Info(title, comment)), null, null, null);
            JobStore.ReadyTrack ready = new LoopMaker(new ToneEngine(), wavOnly, tracks)
                    .make(id, spec, EngineContext.detached(id)).readyTrack();
            Job job = new Job(id, "caller-fingerprint", TrackStatus.READY, spec, choice.request().params(), null, share,
                    Charge.none(), ready.engine(), ready.measuredBpm(), ready.hasMp3(), ready.hasWaveform(), null, null,
                    readyAt, readyAt, null, ready.hasMidi());
            assertThat(jobs.createReady(job, readyAt)).isTrue();
            index.add(new SharedTracks.Entry(id, readyAt));
            return job;
        } catch (EngineException e) {
            throw new AssertionError(e);
        }
    }

    /** One bar of the spec: the run's rules do not depend on the length, and short loops keep this tier fast. */
    private static LoopSpec oneBar(LoopSpec spec) {
        return new LoopSpec(spec.mode(), spec.type(), spec.bpm(), 1, spec.key(), spec.seed(), spec.intensity(),
                spec.dark(), spec.ambient(), spec.energetic(), spec.styleWords(), spec.prompt());
    }

    /** The test tone (one bar), or an outage when told so; counts what it rendered. */
    private static final class SwitchableEngine implements MusicEngine {
        final AtomicBoolean failing = new AtomicBoolean();
        volatile int renders;
        private final ToneEngine tone = new ToneEngine();

        @Override
        public String name() {
            return tone.name();
        }

        @Override
        public synchronized RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
            if (failing.get()) {
                throw new EngineException("engine_down", "the engine is down", false);
            }
            renders++;
            return tone.render(oneBar(spec), context);
        }
    }

    /** A channel that answers what the test scripts (posted by default) and remembers every attempt. */
    private static final class ScriptedChannel implements Channel {
        private final String name;
        private final Deque<DeliveryOutcome> script = new ArrayDeque<>();
        private final List<String> attempts = new ArrayList<>();
        private final List<String> posted = new ArrayList<>();
        private DeliveryOutcome always;
        private RuntimeException failure;

        ScriptedChannel(String name) {
            this.name = name;
        }

        synchronized void next(DeliveryOutcome outcome) {
            script.add(outcome);
        }

        synchronized void failAlways(DeliveryOutcome outcome) {
            always = outcome;
        }

        synchronized void throwOnPost(RuntimeException e) {
            failure = e;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized DeliveryOutcome post(Post post) {
            attempts.add(post.trackId());
            if (failure != null) {
                throw failure;
            }
            DeliveryOutcome outcome = always != null ? always
                    : script.isEmpty() ? new DeliveryOutcome.Posted(name + "-" + attempts.size()) : script.poll();
            if (outcome instanceof DeliveryOutcome.Posted) {
                posted.add(post.trackId());
            }
            return outcome;
        }

        synchronized List<String> postedTracks() {
            return List.copyOf(posted);
        }

        synchronized int attemptsFor(String trackId) {
            return (int) attempts.stream().filter(trackId::equals).count();
        }
    }
}
