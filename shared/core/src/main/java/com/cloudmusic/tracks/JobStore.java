package com.cloudmusic.tracks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where jobs live. Every state change is a conditional write, so redeliveries change nothing twice. */
public interface JobStore {

    Optional<Job> find(String id);

    /**
     * Every job still queued or generating, from an eventually consistent index: the reconciler's view,
     * to be acted on only through the conditional writes below.
     */
    List<Job> listUnfinished();

    /**
     * Marks a queued job as sent again (its {@code updatedAt} becomes {@code now}), only if it is still
     * queued and unchanged since {@code job} was read: of concurrent reconcilers, one wins the send.
     */
    boolean touchQueued(Job job, Instant now);

    /**
     * Fails a job stuck generating for good, giving its unit back and freeing its slot in one transaction,
     * only if it is still generating and unchanged since {@code job} was read (a retry that restarted it
     * meanwhile wins).
     */
    boolean failStuck(Job job, String code, String message, Instant now);

    /** The owner's jobs, newest first. */
    List<Job> listByOwner(String owner, int limit);

    /** queued|generating → generating; empty when the job is missing or already finished. */
    Optional<Job> startGenerating(String id, Instant now);

    /**
     * generating → ready, freeing the owner's active slot in the same transaction.
     *
     * @return false when the job had already finished (nothing written)
     */
    boolean markReady(Job job, ReadyTrack result, Instant now);

    /**
     * queued|generating → failed, freeing the active slot and, when {@code giveBack}, returning the unit
     * to where it came from, all in one transaction: exactly once, however often it is called.
     *
     * @return false when the job had already finished (nothing written)
     */
    boolean markFailed(Job job, String code, String message, boolean giveBack, Instant now);

    /**
     * Writes a job rendered outside the queue (the publish run's track of the day) straight as ready:
     * nobody was charged and no active slot was taken, so none is freed. A shared job enters the by-day
     * index like any job that became ready.
     *
     * @param job a job whose status is {@link TrackStatus#READY}
     * @return false when a job with this id exists already (nothing written)
     */
    boolean createReady(Job job, Instant now);

    /** Records a remote engine's work id on the job before waiting for it. */
    void saveRemoteId(String id, String remoteId);

    /**
     * What the generate function learnt while rendering: the engine that really rendered, the tempo it
     * measured, the whole bars the file holds (an AI engine's loop is cut at its measured tempo, so it
     * may hold another count than asked) and which renditions exist.
     */
    record ReadyTrack(String engine, Double measuredBpm, int bars, boolean hasMp3, boolean hasWaveform,
            boolean hasMidi) {

        /** A track without MIDI. */
        public ReadyTrack(String engine, Double measuredBpm, int bars, boolean hasMp3, boolean hasWaveform) {
            this(engine, measuredBpm, bars, hasMp3, hasWaveform, false);
        }
    }
}
