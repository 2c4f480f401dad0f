package com.cloudmusic.tracks;

import com.cloudmusic.quota.InMemoryQuotaLedger;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs in memory with the state machine of the DynamoDB store: conditional moves only, and a job that
 * finishes frees its owner's slot (and, when failed with a give-back, returns its unit) through the ledger.
 */
public final class InMemoryJobStore implements JobStore {

    private final InMemoryQuotaLedger ledger;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private RuntimeException nextCreateFailure;

    public InMemoryJobStore(InMemoryQuotaLedger ledger) {
        this.ledger = ledger;
        ledger.recordJobsIn(charged -> charged.forEach(this::create));
    }

    /** The next charged job's write throws this, as a throttled or unreachable table would. */
    public synchronized void failNextCreate(RuntimeException failure) {
        this.nextCreateFailure = failure;
    }

    private synchronized void create(Job job) {
        if (nextCreateFailure != null) {
            RuntimeException failure = nextCreateFailure;
            nextCreateFailure = null;
            throw failure;
        }
        if (jobs.putIfAbsent(job.id(), job) != null) {
            throw new IllegalStateException("job " + job.id() + " exists");
        }
    }

    @Override
    public synchronized List<Job> listUnfinished() {
        return jobs.values().stream().filter(job -> !job.status().finished()).toList();
    }

    @Override
    public synchronized boolean touchQueued(Job job, Instant now) {
        Job stored = jobs.get(job.id());
        if (stored == null || stored.status() != TrackStatus.QUEUED || !stored.updatedAt().equals(job.updatedAt())) {
            return false;
        }
        jobs.put(job.id(), with(stored, TrackStatus.QUEUED, now, stored.engine(), stored.measuredBpm(),
                stored.spec().bars(), false, false, null, null));
        return true;
    }

    @Override
    public synchronized boolean failStuck(Job job, String code, String message, Instant now) {
        Job stored = jobs.get(job.id());
        if (stored == null || stored.status() != TrackStatus.GENERATING || !stored.updatedAt().equals(job.updatedAt())) {
            return false;
        }
        return markFailed(stored, code, message, true, now);
    }

    @Override
    public synchronized Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized List<Job> listByOwner(String owner, int limit) {
        return jobs.values().stream().filter(job -> job.owner().equals(owner))
                .sorted(Comparator.comparing(Job::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized Optional<Job> startGenerating(String id, Instant now) {
        Job job = jobs.get(id);
        if (job == null || job.status().finished()) {
            return Optional.empty();
        }
        Job started = with(job, TrackStatus.GENERATING, now, job.engine(), job.measuredBpm(), job.spec().bars(),
                false, false, null, null);
        jobs.put(id, started);
        return Optional.of(started);
    }

    @Override
    public synchronized boolean markReady(Job job, ReadyTrack result, Instant now) {
        Job stored = jobs.get(job.id());
        if (stored == null || stored.status() != TrackStatus.GENERATING) {
            return false;
        }
        jobs.put(job.id(), with(stored, TrackStatus.READY, now, result.engine(), result.measuredBpm(), result.bars(),
                result.hasMp3(), result.hasWaveform(), null, null));
        ledger.releaseSlot(stored.owner());
        return true;
    }

    @Override
    public synchronized boolean markFailed(Job job, String code, String message, boolean giveBack, Instant now) {
        Job stored = jobs.get(job.id());
        if (stored == null || stored.status().finished()) {
            return false;
        }
        jobs.put(job.id(), with(stored, TrackStatus.FAILED, now, stored.engine(), stored.measuredBpm(),
                stored.spec().bars(), false, false, code, message));
        if (giveBack) {
            ledger.giveBack(stored.owner(), stored.charge(), now);
        } else {
            ledger.releaseSlot(stored.owner());
        }
        return true;
    }

    @Override
    public synchronized boolean createReady(Job job, Instant now) {
        return jobs.putIfAbsent(job.id(), job) == null;
    }

    @Override
    public synchronized void saveRemoteId(String id, String remoteId) {
        Job job = jobs.get(id);
        jobs.put(id, new Job(job.id(), job.owner(), job.status(), job.spec(), job.params(), job.userPrompt(), job.share(),
                job.charge(), job.engine(), job.measuredBpm(), job.hasMp3(), job.hasWaveform(), job.errorCode(),
                job.errorMessage(), job.createdAt(), job.updatedAt(), remoteId, job.hasMidi(), job.kit()));
    }

    public synchronized List<Job> all() {
        return List.copyOf(jobs.values());
    }

    private static Job with(Job job, TrackStatus status, Instant now, String engine, Double measuredBpm, int bars,
            boolean hasMp3, boolean hasWaveform, String errorCode, String errorMessage) {
        var spec = job.spec();
        spec = new com.cloudmusic.loop.LoopSpec(spec.mode(), spec.type(), spec.bpm(), Math.max(1, bars), spec.key(),
                spec.seed(), spec.intensity(), spec.dark(), spec.ambient(), spec.energetic(), spec.styleWords(), spec.prompt());
        return new Job(job.id(), job.owner(), status, spec, job.params(), job.userPrompt(),
                job.share(), job.charge(), engine, measuredBpm, hasMp3, hasWaveform, errorCode, errorMessage,
                job.createdAt(), now, job.remoteId(), job.hasMidi(), job.kit());
    }
}
