package com.cloudmusic.billing;

import java.time.Instant;
import java.util.Optional;

/**
 * Where purchases live, and the two money movements on them. A grant (or take-back) writes the wallet,
 * the processed-event marker and the purchase in one atomic step, so any number of deliveries of any
 * number of events for one session moves credits at most once.
 */
public interface Purchases {

    void recordPending(Purchase purchase);

    Optional<Purchase> find(String sessionId);

    /** The purchase whose payment is {@code paymentIntent} (known once it has been granted). */
    Optional<Purchase> findByPaymentIntent(String paymentIntent);

    /** Marks a still-pending purchase expired; a paid one stays paid. */
    void markExpired(String sessionId);

    enum GrantOutcome {
        GRANTED,
        /** This event was processed before. */
        DUPLICATE_EVENT,
        /** Another event already granted this session. */
        ALREADY_GRANTED
    }

    /**
     * Adds the purchase's credits to its wallet, records the event as processed (kept until
     * {@code markerExpiresAt}) and marks the purchase paid, all or nothing.
     */
    GrantOutcome grant(Purchase purchase, String eventId, String eventType, String paymentIntent, Instant now,
            Instant markerExpiresAt);

    enum TakeBackOutcome { TAKEN_BACK, DUPLICATE_EVENT, ALREADY_TAKEN_BACK }

    /** What a take-back did: how many credits left the wallet, and how many had already been spent. */
    record TakeBack(TakeBackOutcome outcome, long takenBack, long shortfall) {
    }

    /**
     * Removes the purchase's credits that are still in its wallet (never below zero), records the event
     * and marks the purchase taken back, all or nothing.
     */
    TakeBack takeBack(Purchase purchase, String eventId, String eventType, Instant now, Instant markerExpiresAt);
}
