package com.cloudmusic.tracks;

import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopEncoder;
import com.cloudmusic.loop.MusicEngine;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The generate side of SPEC §5: moves a job queued → generating → ready|failed. The files reach the
 * bucket before the job says ready; a job that fails for good gives its unit back exactly once (the
 * store's conditional transaction makes a second attempt a no-op).
 */
public final class GenerationService {

    /** Receives after which a failing job fails for good; matches the queue's redrive policy. */
    public static final int MAX_RECEIVES = 3;

    private final JobStore jobs;
    private final LoopMaker maker;
    private final Clock clock;
    private final Consumer<String> log;

    public GenerationService(JobStore jobs, TrackWriter files, MusicEngine engine, LoopEncoder encoder, Clock clock,
            Consumer<String> log) {
        this.jobs = Objects.requireNonNull(jobs, "jobs == null");
        this.maker = new LoopMaker(engine, encoder, files);
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.log = Objects.requireNonNull(log, "log == null");
    }

    /** What the queue should do with the message. */
    public enum Outcome {
        /** Done with (ready, failed for good, or nothing to do): delete the message. */
        DONE,
        /** Let the message become visible again (and, after the last receive, reach the dead-letter queue). */
        RETRY
    }

    public Outcome process(String jobId, int receiveCount) {
        Optional<Job> stored = jobs.find(jobId);
        if (stored.isEmpty() || stored.get().status().finished()) {
            return Outcome.DONE; // unknown or already finished: a redelivery changes nothing
        }
        Optional<Job> started = jobs.startGenerating(jobId, clock.instant());
        if (started.isEmpty()) {
            return Outcome.DONE;
        }
        Job job = started.get();
        try {
            LoopMaker.Made made = maker.make(job.id(), job.spec(), contextFor(job, receiveCount >= MAX_RECEIVES));
            jobs.markReady(job, made.readyTrack(), clock.instant());
            return Outcome.DONE;
        } catch (EngineException e) {
            return failed(job, receiveCount, e.code(), e.getMessage(), e.permanent());
        } catch (RuntimeException | LinkageError e) {
            log.accept("generation error: job=" + job.id() + " " + e.getClass().getName() + ": " + e.getMessage());
            return failed(job, receiveCount, "generation_failed", "The loop could not be generated.", false);
        }
    }

    /** A message reached the dead-letter queue: the job fails for good and its unit goes back. */
    public void deadLettered(String jobId) {
        jobs.find(jobId).filter(job -> !job.status().finished()).ifPresent(job -> jobs.markFailed(job,
                "generation_failed", "The loop could not be generated; your unit was given back.", true,
                clock.instant()));
    }

    private Outcome failed(Job job, int receiveCount, String code, String message, boolean permanent) {
        boolean lastTry = receiveCount >= MAX_RECEIVES;
        log.accept("generation attempt failed: job=" + job.id() + " receive=" + receiveCount + " code=" + code
                + (permanent ? " (permanent)" : ""));
        if (permanent || lastTry) {
            jobs.markFailed(job, code, message + " Your unit was given back.", true, clock.instant());
        }
        // On the last receive the message still fails, so the queue's redrive sends it to the DLQ.
        return permanent ? Outcome.DONE : Outcome.RETRY;
    }

    private EngineContext contextFor(Job job, boolean lastAttempt) {
        return new EngineContext() {
            @Override
            public boolean lastAttempt() {
                return lastAttempt;
            }

            @Override
            public String jobId() {
                return job.id();
            }

            @Override
            public Optional<String> savedRemoteId() {
                return Optional.ofNullable(job.remoteId());
            }

            @Override
            public void saveRemoteId(String remoteId) {
                jobs.saveRemoteId(job.id(), remoteId);
            }
        };
    }
}
