package com.cloudmusic.publish.daily;

import java.time.Instant;

/**
 * One record per track and channel, claimed with a conditional write before anything is posted, so
 * that any number of runs, retries or concurrent invocations post each teaser at most once per channel.
 */
public interface DeliveryLedger {

    /** Runs that may try one delivery before it is given up for good. */
    int MAX_ATTEMPTS = 5;

    /**
     * Takes the delivery for this run: a new one, one whose earlier claim's lease ran out without a
     * result, or one that failed transiently and has attempts left.
     */
    Claim claim(String trackId, String channel, Instant now);

    /** The channel accepted the post. */
    void markPosted(String trackId, String channel, String messageId, Instant now);

    /**
     * The channel refused or could not be reached. A permanent failure is final; a transient one may be
     * taken again by a later run, until its {@link #MAX_ATTEMPTS}th attempt, which is final too.
     *
     * @param attempt the attempt the claim returned
     */
    void markFailed(String trackId, String channel, boolean permanent, String reason, int attempt, Instant now);

    /** What a claim found. */
    sealed interface Claim permits Claimed, AlreadyPosted, InProgress, GivenUp {
    }

    /** This run owns the delivery now; {@code attempt} counts runs that claimed it, this one included. */
    record Claimed(int attempt) implements Claim {
    }

    record AlreadyPosted(String messageId) implements Claim {
    }

    /** Another run holds a live claim. */
    record InProgress(Instant leaseUntil) implements Claim {
    }

    /** Failed for good earlier: permanently, or transiently too many times. */
    record GivenUp(String reason) implements Claim {
    }
}
