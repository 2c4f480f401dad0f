package com.cloudmusic.publish.daily;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the daily run remembers between runs: how far it has published, and each day's track. */
public interface PublishJournal {

    /** Tracks that became ready at or before this instant have been dealt with for good. */
    Optional<Instant> watermark();

    /** Moves the watermark forward (never back) and records when a run last completed. */
    void advance(Instant watermark, Instant completedAt);

    /**
     * Claims the making of a day's track: a first claim records {@code newTrackId}; a later run may
     * retake the claim (same track id) when its lease ran out before the track was ready.
     */
    DailyClaim claimDaily(String date, String newTrackId, Instant now, Duration lease);

    /** The day's track is stored and ready. */
    void dailyReady(String date, String trackId, Instant now);

    /** Making the day's track failed: the claim is released so a later run may try again. */
    void dailyFailed(String date, String reason, Instant now);

    /** What claiming the day's track found. */
    sealed interface DailyClaim permits MakeIt, Ready, BeingMade, GivenUp {
        String trackId();
    }

    /** This run makes the track, under this id. */
    record MakeIt(String trackId) implements DailyClaim {
    }

    record Ready(String trackId) implements DailyClaim {
    }

    /** Another run is making it. */
    record BeingMade(String trackId) implements DailyClaim {
    }

    /** Making it failed too often today. */
    record GivenUp(String trackId, String reason) implements DailyClaim {
    }
}
