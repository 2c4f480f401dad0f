package com.cloudmusic.billing;

import java.time.Instant;
import java.util.Optional;

/**
 * Where purchases live, and the money movements on them. Each movement writes the wallet, the
 * processed-event marker and the purchase in one atomic step, so any number of deliveries of any number
 * of events for one payment moves credits at most once, in whatever order they arrive.
 */
public interface Purchases {

    void recordPending(Purchase purchase, Instant expiresAt);

    Optional<Purchase> find(String sessionId);

    /** Marks a still-pending purchase expired; a paid one stays paid. */
    void markExpired(String sessionId);

    /**
     * Claims the right to ask the provider about a pending purchase: true for one caller per
     * {@code staleBefore} window (the others answer from the stored state).
     */
    boolean claimStatusCheck(String sessionId, Instant now, Instant staleBefore);

    enum GrantOutcome {
        GRANTED,
        /** This event was processed before. */
        DUPLICATE_EVENT,
        /** Another event already granted this session. */
        ALREADY_GRANTED
    }

    /**
     * @param credits   credits that reached the wallet
     * @param reclaimed credits withheld for a refund or dispute that arrived before the grant
     */
    record Grant(GrantOutcome outcome, long credits, long reclaimed) {
    }

    /**
     * Adds the purchase's credits to its wallet, less what a reversal already recorded for
     * {@code paymentIntent} takes back, records the event as processed (kept until
     * {@code markerExpiresAt}), marks the purchase paid and points the payment at it, all or nothing.
     */
    Grant grant(Purchase purchase, String eventId, String eventType, String paymentIntent, Instant now,
            Instant markerExpiresAt);

    enum ReversalOutcome {
        /** Credits of the purchase were taken back (or found already spent: the shortfall). */
        TAKEN_BACK,
        /** The payment is not granted yet: remembered, and applied when the grant arrives. */
        REMEMBERED,
        /** This event was processed before. */
        DUPLICATE_EVENT,
        /** Earlier events already took back everything this one accounts for. */
        NOTHING_MORE
    }

    /**
     * @param purchase  the purchase paid by the payment, when it is granted
     * @param takenBack credits that left the wallet
     * @param shortfall credits of the share already spent; as far as they paid for jobs still in flight,
     *                  those jobs' give-backs cancel it instead of refilling the wallet
     */
    record ReversalResult(ReversalOutcome outcome, Purchase purchase, long takenBack, long shortfall) {
    }

    /**
     * Records a refund or dispute of {@code paymentIntent} (amounts only grow) and, when its purchase is
     * granted, takes back the credits the merged reversal accounts for beyond those already taken, never
     * below zero, all or nothing with the event's marker.
     */
    ReversalResult reverse(String paymentIntent, Reversal reversal, String eventId, String eventType, Instant now,
            Instant markerExpiresAt);
}
