package com.cloudmusic.publish.daily;

import com.cloudmusic.audio.Renditions;
import com.cloudmusic.log.JsonLog;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.publish.teaser.Teaser;
import com.cloudmusic.publish.teaser.TeaserMaker;
import com.cloudmusic.quota.Charge;
import com.cloudmusic.quota.UtcDay;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.JobStore;
import com.cloudmusic.tracks.LoopMaker;
import com.cloudmusic.tracks.SpecResolver;
import com.cloudmusic.tracks.TrackFile;
import com.cloudmusic.tracks.TrackStatus;
import com.cloudmusic.tracks.TrackStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The daily marketing run: makes the track of the day (once per UTC day), then posts a teaser of it
 * and of every opted-in track that became ready since the last run to each channel, each delivery
 * claimed in the ledger before it is attempted so no channel ever gets the same track twice.
 */
public final class PublishService {

    /** How far back the very first run looks. */
    static final Duration FIRST_LOOKBACK = Duration.ofDays(1);
    /** Never look further back than this, whatever the watermark says. */
    static final Duration MAX_LOOKBACK = Duration.ofDays(7);
    /**
     * Each run looks again at the last minutes before the previous one: the by-day index is eventually
     * consistent, and the delivery ledger makes looking twice harmless.
     */
    static final Duration OVERLAP = Duration.ofMinutes(10);
    /** Longer than a Lambda may live, so a crashed run's claim on the day's track is retaken only once it is gone. */
    static final Duration DAILY_LEASE = Duration.ofMinutes(16);

    /** What the run works with; every part is a port, wired by {@link PublishWiring}. */
    public record Parts(JobStore jobs, TrackStore tracks, MusicEngine engine, DeliveryLedger deliveries,
                        PublishJournal journal, SharedTracks shared, PublishFiles files, List<Channel> channels,
                        TeaserMaker teasers, String publicBaseUrl, Clock clock, JsonLog log) {
        public Parts {
            Objects.requireNonNull(jobs, "jobs == null");
            Objects.requireNonNull(tracks, "tracks == null");
            Objects.requireNonNull(engine, "engine == null");
            Objects.requireNonNull(deliveries, "deliveries == null");
            Objects.requireNonNull(journal, "journal == null");
            Objects.requireNonNull(shared, "shared == null");
            Objects.requireNonNull(files, "files == null");
            Objects.requireNonNull(teasers, "teasers == null");
            Objects.requireNonNull(publicBaseUrl, "publicBaseUrl == null");
            Objects.requireNonNull(clock, "clock == null");
            Objects.requireNonNull(log, "log == null");
            channels = List.copyOf(channels);
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("no channel to publish to");
            }
        }
    }

    private final Parts parts;

    public PublishService(Parts parts) {
        this.parts = Objects.requireNonNull(parts, "parts == null");
    }

    /** The names of the channels this service posts to, in order. */
    public List<String> channelNames() {
        return parts.channels().stream().map(Channel::name).toList();
    }

    /** One run; safe to repeat and to run concurrently. */
    public RunSummary run() {
        Instant started = parts.clock().instant();
        String date = UtcDay.of(started);
        RunSummary summary = new RunSummary(date, started, channelNames());

        Optional<Job> daily = trackOfTheDay(date, summary);

        Instant after = parts.journal().watermark().orElse(started.minus(FIRST_LOOKBACK));
        if (after.isBefore(started.minus(MAX_LOOKBACK))) {
            after = started.minus(MAX_LOOKBACK);
        }
        List<SharedTracks.Entry> entries = new ArrayList<>(parts.shared().readyBetween(after, started));
        // The index may not show a track written a moment ago: the day's track is added by hand, on the
        // same terms as the index (ready after the watermark).
        Instant since = after;
        daily.filter(job -> job.updatedAt().isAfter(since))
                .filter(job -> entries.stream().noneMatch(e -> e.trackId().equals(job.id())))
                .ifPresent(job -> entries.add(new SharedTracks.Entry(job.id(), job.updatedAt())));
        summary.candidates(entries.size());

        Instant watermark = started.minus(OVERLAP);
        for (SharedTracks.Entry entry : entries) {
            boolean settled = publish(entry.trackId(), summary);
            if (!settled && !entry.readyAt().isAfter(watermark)) {
                // Hold the watermark just before a track that a later run must come back to.
                watermark = entry.readyAt().minusMillis(1);
            }
        }
        if (watermark.isAfter(after)) {
            parts.journal().advance(watermark, parts.clock().instant());
            summary.watermark(watermark);
        } else {
            summary.watermark(after);
        }
        parts.log().info("publish", summary.toMap());
        return summary;
    }

    private Optional<Job> trackOfTheDay(String date, RunSummary summary) {
        Instant now = parts.clock().instant();
        PublishJournal.DailyClaim claim;
        try {
            claim = parts.journal().claimDaily(date, UUID.randomUUID().toString(), now, DAILY_LEASE);
        } catch (RuntimeException e) {
            summary.trackOfTheDay(null, "failed", "journal unavailable: " + e.getClass().getSimpleName());
            return Optional.empty();
        }
        if (claim instanceof PublishJournal.Ready) {
            summary.trackOfTheDay(claim.trackId(), "existing", null);
            return parts.jobs().find(claim.trackId()).filter(job -> job.status() == TrackStatus.READY);
        }
        if (claim instanceof PublishJournal.BeingMade) {
            summary.trackOfTheDay(claim.trackId(), "being_made_elsewhere", null);
            return Optional.empty();
        }
        if (claim instanceof PublishJournal.GivenUp givenUp) {
            summary.trackOfTheDay(claim.trackId(), "given_up", givenUp.reason());
            return Optional.empty();
        }
        TrackOfTheDay.Choice choice = TrackOfTheDay.forDate(LocalDate.parse(date));
        try {
            Job job = make(claim.trackId(), choice);
            parts.journal().dailyReady(date, job.id(), parts.clock().instant());
            summary.trackOfTheDay(job.id(), "made", choice.name());
            return Optional.of(job);
        } catch (EngineException | RuntimeException e) {
            String reason = "could not make '" + choice.name() + "': " + e.getClass().getSimpleName()
                    + (e instanceof EngineException engine ? " " + engine.code() : "");
            parts.journal().dailyFailed(date, reason, parts.clock().instant());
            summary.trackOfTheDay(claim.trackId(), "failed", reason);
            return Optional.empty();
        }
    }

    // Rendered and stored like any generation: files first, then the job, written straight as ready
    // because the system owner was never charged and holds no active slot.
    private Job make(String trackId, TrackOfTheDay.Choice choice) throws EngineException {
        Optional<Job> earlier = parts.jobs().find(trackId);
        if (earlier.isPresent() && earlier.get().status() == TrackStatus.READY) {
            return earlier.get(); // an earlier attempt stored it but stopped before recording the day
        }
        LoopSpec spec = SpecResolver.resolve(choice.request(), choice.seed());
        LoopMaker.Made made = new LoopMaker(parts.engine(), Renditions.ENCODER, parts.tracks())
                .make(trackId, spec, EngineContext.detached(trackId));
        JobStore.ReadyTrack ready = made.readyTrack();
        Instant now = parts.clock().instant();
        Job job = new Job(trackId, TrackOfTheDay.SYSTEM_OWNER, TrackStatus.READY, spec, choice.request().params(),
                choice.request().mode() == Mode.ADVANCED ? choice.request().prompt() : null, true,
                Charge.none(), ready.engine(), ready.measuredBpm(), ready.hasMp3(), ready.hasWaveform(),
                null, null, now, now, null, ready.hasMidi());
        if (!parts.jobs().createReady(job, now)) {
            return parts.jobs().find(trackId).orElseThrow();
        }
        return job;
    }

    /** Posts one track to every channel; true when no later run needs to come back to it. */
    private boolean publish(String trackId, RunSummary summary) {
        Optional<Job> found = parts.jobs().find(trackId);
        if (found.isEmpty()) {
            summary.refused(trackId, "not_found");
            return true;
        }
        Job job = found.get();
        // The index only holds opted-in tracks, but the job itself has the last word.
        if (!job.share()) {
            summary.refused(trackId, "not_shared");
            return true;
        }
        if (job.status() != TrackStatus.READY) {
            summary.refused(trackId, "not_ready");
            return true;
        }
        boolean settled = true;
        LazyPost post = new LazyPost(job);
        for (Channel channel : parts.channels()) {
            settled &= deliver(job, channel, post, summary);
        }
        return settled;
    }

    private boolean deliver(Job job, Channel channel, LazyPost post, RunSummary summary) {
        String trackId = job.id();
        DeliveryLedger.Claim claim;
        try {
            claim = parts.deliveries().claim(trackId, channel.name(), parts.clock().instant());
        } catch (RuntimeException e) {
            summary.failed(trackId, channel.name(), false, "delivery ledger unavailable: " + e.getClass().getSimpleName());
            return false;
        }
        if (claim instanceof DeliveryLedger.AlreadyPosted) {
            summary.skipped(trackId, channel.name(), "already_posted");
            return true;
        }
        if (claim instanceof DeliveryLedger.InProgress) {
            summary.skipped(trackId, channel.name(), "in_progress_elsewhere");
            return false;
        }
        if (claim instanceof DeliveryLedger.GivenUp givenUp) {
            summary.skipped(trackId, channel.name(), "failed_earlier: " + givenUp.reason());
            return true;
        }
        int attempt = ((DeliveryLedger.Claimed) claim).attempt();
        DeliveryOutcome outcome;
        try {
            outcome = channel.post(post.get());
        } catch (RuntimeException e) {
            // A bug or an unreadable track must not stop the other channels and tracks.
            outcome = DeliveryOutcome.failedTransient(post.failure().orElse("unexpected "
                    + e.getClass().getSimpleName()));
        }
        Instant now = parts.clock().instant();
        try {
            if (outcome instanceof DeliveryOutcome.Posted posted) {
                parts.deliveries().markPosted(trackId, channel.name(), posted.messageId(), now);
                summary.posted(trackId, channel.name(), posted.messageId());
                return true;
            }
            boolean permanent = outcome instanceof DeliveryOutcome.FailedPermanent;
            String reason = outcome instanceof DeliveryOutcome.FailedPermanent p ? p.reason()
                    : ((DeliveryOutcome.FailedTransient) outcome).reason();
            parts.deliveries().markFailed(trackId, channel.name(), permanent, reason, attempt, now);
            summary.failed(trackId, channel.name(), permanent || attempt >= DeliveryLedger.MAX_ATTEMPTS, reason);
            return permanent || attempt >= DeliveryLedger.MAX_ATTEMPTS;
        } catch (RuntimeException e) {
            // The claim stays "posting" until its lease runs out; the log line says why.
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("jobId", trackId);
            line.put("channel", channel.name());
            line.put("outcome", outcome.status().name());
            line.put("exception", e.getClass().getName());
            parts.log().error("publish_delivery_not_recorded", line);
            return false;
        }
    }

    /** The post of one track, made (teaser cut and stored) only when a channel first needs it. */
    private final class LazyPost {
        private final Job job;
        private Post post;
        private String failure;

        LazyPost(Job job) {
            this.job = job;
        }

        Post get() {
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            if (post == null) {
                try {
                    Teaser teaser = parts.teasers().make(job, parts.tracks().read(job.id(), TrackFile.WAV));
                    parts.files().saveTeaser(job.id(), teaser);
                    post = new Post(job.id(), teaser.title(), TeaserMaker.ARTIST, job.spec().type().wireName(),
                            job.spec().bpm(), job.spec().key(), job.userPrompt(), link(job.id()),
                            teaser.durationSeconds(), teaser.mp3(), teaser.mp3FileName(), teaser.cover(),
                            teaser.coverFileName());
                } catch (RuntimeException e) {
                    failure = "teaser could not be made: " + e.getClass().getSimpleName();
                    throw e;
                }
            }
            return post;
        }

        Optional<String> failure() {
            return Optional.ofNullable(failure);
        }
    }

    private String link(String trackId) {
        return parts.publicBaseUrl().replaceAll("/+$", "") + "/?track=" + trackId;
    }
}
