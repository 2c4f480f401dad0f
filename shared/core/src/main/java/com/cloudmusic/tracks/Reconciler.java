package com.cloudmusic.tracks;

import com.cloudmusic.quota.QuotaLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The scheduled repair of SPEC §4.8: re-sends jobs left queued past a grace period (their message was
 * lost, or never sent because the request died after its transaction), fails for good the jobs stuck
 * generating past the generate function's timeout plus its retries (unit back, once), and repairs each
 * caller's in-flight count from their unfinished jobs. Every write is conditional on what was read, so
 * runs are idempotent and may overlap.
 */
public final class Reconciler {

    /** A queued job untouched this long has no message on its way (the queue delivers within seconds). */
    public static final Duration QUEUED_GRACE = Duration.ofMinutes(5);
    /**
     * A job generating untouched this long is dead: each attempt restarts the clock, and one attempt
     * takes at most the generate timeout (150 s) plus the longest retry backoff (240 s).
     */
    public static final Duration STUCK_AFTER = Duration.ofMinutes(10);
    /** An in-flight count unchanged this long is compared with the index (which lags the table slightly). */
    public static final Duration SLOTS_SETTLE = Duration.ofMinutes(2);

    private final JobStore jobs;
    private final JobQueue queue;
    private final QuotaLedger ledger;
    private final Clock clock;
    private final Consumer<String> log;

    public Reconciler(JobStore jobs, JobQueue queue, QuotaLedger ledger, Clock clock, Consumer<String> log) {
        this.jobs = Objects.requireNonNull(jobs, "jobs == null");
        this.queue = Objects.requireNonNull(queue, "queue == null");
        this.ledger = Objects.requireNonNull(ledger, "ledger == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.log = Objects.requireNonNull(log, "log == null");
    }

    /** What one run did; the handler logs it and returns it. */
    public record Report(int unfinished, int resent, int failedStuck, int slotsRepaired) {
    }

    public Report run() {
        Instant now = clock.instant();
        List<Job> unfinished = jobs.listUnfinished();
        Map<String, Long> unfinishedByOwner = new HashMap<>();
        int resent = 0;
        int failed = 0;
        for (Job job : unfinished) {
            unfinishedByOwner.merge(job.owner(), 1L, Long::sum);
            Duration idle = Duration.between(job.updatedAt(), now);
            if (job.status() == TrackStatus.QUEUED && idle.compareTo(QUEUED_GRACE) > 0 && jobs.touchQueued(job, now)) {
                try {
                    queue.send(job.id());
                    resent++;
                } catch (RuntimeException e) {
                    // The job stays queued with a fresh updatedAt: the run after the next grace tries again.
                    log.accept("reconcile send failed: job=" + job.id() + " " + e.getClass().getName());
                }
            } else if (job.status() == TrackStatus.GENERATING && idle.compareTo(STUCK_AFTER) > 0
                    && jobs.failStuck(job, "generation_timed_out",
                            "The loop could not be finished in time; " + job.unitsGivenBack() + ".", now)) {
                unfinishedByOwner.merge(job.owner(), -1L, Long::sum);
                failed++;
            }
        }
        int repaired = 0;
        for (QuotaLedger.SlotHolder holder : ledger.slotHolders()) {
            long actual = Math.max(0, unfinishedByOwner.getOrDefault(holder.fingerprint(), 0L));
            boolean settled = Duration.between(holder.changedAt(), now).compareTo(SLOTS_SETTLE) > 0;
            if (settled && (holder.active() != actual || actual == 0) && ledger.repairSlots(holder, actual)
                    && holder.active() != actual) {
                log.accept("reconcile slots: fingerprint=" + holder.fingerprint() + " " + holder.active() + " -> " + actual);
                repaired++;
            }
        }
        return new Report(unfinished.size(), resent, failed, repaired);
    }
}
