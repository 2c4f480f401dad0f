package com.cloudmusic.tracks;

import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.KitEngine;
import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopEncoder;
import com.cloudmusic.loop.MusicEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The generate side of SPEC §5: moves a job queued → generating → ready|failed. The files reach the
 * bucket before the job says ready; a job that fails for good gives its unit back exactly once (the
 * store's conditional transaction makes a second attempt a no-op). A kit is one job: its parts are made,
 * stored and written as ready tracks before the kit says ready, and a kit that fails for good gives all
 * its units back at once.
 */
public final class GenerationService {

    /** Receives after which a failing job fails for good; matches the queue's redrive policy. */
    public static final int MAX_RECEIVES = 3;
    /**
     * How long a transiently failed message waits before its next receive, by the receive that failed:
     * the first two retries come back in 15 s and 60 s instead of the queue's 900 s visibility timeout.
     * After the third receive the job has already failed for good; its message reaches the dead-letter
     * queue after the last wait.
     */
    static final List<Duration> RETRY_BACKOFF = List.of(Duration.ofSeconds(15), Duration.ofSeconds(60),
            Duration.ofSeconds(240));

    /** The wait before the next receive of a message whose {@code receiveCount}-th receive failed transiently. */
    public static Duration retryDelay(int receiveCount) {
        return RETRY_BACKOFF.get(Math.max(0, Math.min(RETRY_BACKOFF.size(), receiveCount) - 1));
    }

    private final JobStore jobs;
    private final LoopMaker maker;
    private final Clock clock;

    /** A service that fails kit jobs for good (units back): for wiring without a kit engine. */
    public GenerationService(JobStore jobs, TrackWriter files, MusicEngine engine, LoopEncoder encoder, Clock clock) {
        this(jobs, files, engine, null, encoder, clock);
    }

    /**
     * @param kits renders kit jobs; null to fail them for good
     */
    public GenerationService(JobStore jobs, TrackWriter files, MusicEngine engine, KitEngine kits, LoopEncoder encoder,
            Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs == null");
        this.maker = new LoopMaker(engine, kits, encoder, files);
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** The engine this service asks first (a fallback may make the loop instead). */
    public String engineName() {
        return maker.engineName();
    }

    /** What the queue should do with the message. */
    public enum Outcome {
        /** Done with (ready, failed for good, or nothing to do): delete the message. */
        DONE,
        /** Let the message become visible again (and, after the last receive, reach the dead-letter queue). */
        RETRY
    }

    /**
     * What one attempt at a job decided, for the handler to log and count: the queue's instruction, the
     * result ({@code ready}, {@code failed} for good, {@code retry}, or {@code skipped} when there was
     * nothing to do), the engine that made (or failed to make) the loop and whether it was the fallback,
     * the loop type, how long the attempt took, and the failure's code and detail.
     */
    public record Attempt(Outcome outcome, String result, String engine, boolean fallback, String loopType,
            long millis, String errorCode, String detail) {

        static Attempt skipped() {
            return new Attempt(Outcome.DONE, "skipped", null, false, null, 0, null, null);
        }
    }

    public Attempt process(String jobId, int receiveCount) {
        Optional<Job> stored = jobs.find(jobId);
        if (stored.isEmpty() || stored.get().status().finished()) {
            return Attempt.skipped(); // unknown or already finished: a redelivery changes nothing
        }
        long started = clock.millis();
        Optional<Job> generating = jobs.startGenerating(jobId, clock.instant());
        if (generating.isEmpty()) {
            return Attempt.skipped();
        }
        Job job = generating.get();
        String type = loopType(job);
        try {
            if (job.isKit()) {
                makeKit(job);
                return new Attempt(Outcome.DONE, "ready", TrackService.KIT_ENGINE, false, type,
                        clock.millis() - started, null, null);
            }
            LoopMaker.Made made = maker.make(job.id(), job.spec(), contextFor(job, receiveCount >= MAX_RECEIVES));
            jobs.markReady(job, made.readyTrack(), clock.instant());
            String madeBy = made.loop().engine();
            return new Attempt(Outcome.DONE, "ready", madeBy, !madeBy.equals(maker.engineName()), type,
                    clock.millis() - started, null, null);
        } catch (EngineException e) {
            return failed(job, receiveCount, e.code(), e.getMessage(), e.permanent(), started, null);
        } catch (RuntimeException | LinkageError e) {
            String detail = e.getClass().getName() + ": " + e.getMessage();
            return failed(job, receiveCount, "generation_failed", "The loop could not be generated.", false, started,
                    detail);
        }
    }

    /** Every part stored and written as a ready track, then the kit's own job says ready (freeing its slot). */
    private void makeKit(Job kit) throws EngineException {
        LoopMaker.MadeKit made = maker.makeKit(kit.id(), kit.spec());
        for (KitPart part : KitPart.values()) {
            // A retry after a crash finds the parts it wrote already there: createReady leaves them be.
            jobs.createReady(Job.kitPart(kit, part, made.readyTrack(part), clock.instant()), clock.instant());
        }
        jobs.markReady(kit, made.readyTrack(KitPart.MIX), clock.instant());
    }

    private static String loopType(Job job) {
        return job.isKit() ? "kit" : job.spec().type().wireName();
    }

    /** A message reached the dead-letter queue: the job fails for good and its unit goes back. */
    public Attempt deadLettered(String jobId) {
        Optional<Job> unfinished = jobs.find(jobId).filter(job -> !job.status().finished());
        if (unfinished.isEmpty()) {
            return Attempt.skipped();
        }
        Job job = unfinished.get();
        jobs.markFailed(job, "generation_failed", "The loop could not be generated; " + job.unitsGivenBack() + ".", true,
                clock.instant());
        return new Attempt(Outcome.DONE, "failed", maker.engineName(), false, loopType(job), 0,
                "generation_failed", "dead_letter_queue");
    }

    private Attempt failed(Job job, int receiveCount, String code, String message, boolean permanent, long started,
            String detail) {
        boolean forGood = permanent || receiveCount >= MAX_RECEIVES;
        if (forGood) {
            String back = job.unitsGivenBack();
            jobs.markFailed(job, code, message + " " + Character.toUpperCase(back.charAt(0)) + back.substring(1) + ".", true,
                    clock.instant());
        }
        // On the last receive the message still fails, so the queue's redrive sends it to the DLQ.
        return new Attempt(permanent ? Outcome.DONE : Outcome.RETRY, forGood ? "failed" : "retry", maker.engineName(), false,
                loopType(job), clock.millis() - started, code, detail);
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
